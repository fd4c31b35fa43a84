/** "Board games night" → "BG": the letters on a party's round button, the same everywhere. */
export const partyInitials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
