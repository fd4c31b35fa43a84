import type { Message } from '../../../api/types';

/** Messages by one author within this long of the one above are grouped under its header. */
const GROUP_WINDOW_MS = 5 * 60_000;

/** Whether `m` continues the group of the message above it, so only its body is shown. */
export function isCompact(prev: Message | undefined, m: Message): boolean {
  if (!prev || !prev.author || !m.author || prev.author.id !== m.author.id) return false;
  if (prev.deletedAt || m.deletedAt) return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
}
