/** Same calendar day in the viewer's time zone. */
const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * The label of the separator drawn before the first message of a day: "Today", "Yesterday", a weekday and
 * date within this year ("Monday, March 3"), or a full date in another year ("March 3, 2025"). Pure: `now`
 * and the locale are arguments, so it is tested without faking the clock.
 */
export function dateSeparatorLabel(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  if (sameDay(date, now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return 'Yesterday';
  return date.toLocaleDateString(
    locale,
    date.getFullYear() === now.getFullYear()
      ? { weekday: 'long', month: 'long', day: 'numeric' }
      : { year: 'numeric', month: 'long', day: 'numeric' },
  );
}

/** True when `current` starts a new day after `previous` (or is the first message loaded). */
export function startsNewDay(previous: { createdAt: string } | undefined, current: { createdAt: string }) {
  return !previous || !sameDay(new Date(previous.createdAt), new Date(current.createdAt));
}
