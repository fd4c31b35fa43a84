import type { Message } from '../../../api/types';
import { startsNewDay } from '../dateSeparator';
import { isCompact } from './isCompact';

// Row facts depend only on a message and the one above it, and stored messages are immutable objects:
// cached per pair, so a window of thousands of messages does not re-parse every date on each new page.
const cache = new WeakMap<Message, { prev: Message | undefined; newDay: boolean; compact: boolean }>();

export function rowFacts(prev: Message | undefined, m: Message): { newDay: boolean; compact: boolean } {
  const hit = cache.get(m);
  if (hit && hit.prev === prev) return hit;
  const newDay = startsNewDay(prev, m);
  const facts = { prev, newDay, compact: !newDay && isCompact(prev, m) };
  cache.set(m, facts);
  return facts;
}
