/** Parse an invite code out of a pasted link (or take a bare code). */
export function inviteCodeFrom(text: string): string | null {
  const trimmed = text.trim();
  const m = trimmed.match(/\/invite\/([^/?#\s]+)/);
  if (m?.[1]) return decodeURIComponent(m[1]);
  return /^[A-Za-z0-9_-]{8,}$/.test(trimmed) ? trimmed : null;
}
