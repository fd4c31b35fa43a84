import type { Message, UnreadTopic } from '../../api/types';

export type UnreadMap = Record<string, UnreadTopic>;

/** A new message raises the topic's unread count unless I wrote it (my own words are read by definition). */
export function applyIncomingMessage(map: UnreadMap, message: Message, meId: string | undefined): void {
  const entry = (map[message.topicId] ??= {
    partyId: message.partyId,
    topicId: message.topicId,
    lastSeq: 0,
    lastReadSeq: 0,
    unread: 0,
  });
  if (message.seq <= entry.lastSeq) return; // already counted (a duplicate or a sync replay)
  entry.lastSeq = message.seq;
  if (message.author?.id === meId) {
    entry.lastReadSeq = message.seq;
    entry.unread = 0;
  } else if (message.seq > entry.lastReadSeq) {
    entry.unread += 1;
  }
}

/** Read up to `seq` (here or on another device): never moves backwards. */
export function applyReadMark(map: UnreadMap, topicId: string, seq: number): void {
  const entry = map[topicId];
  if (!entry || seq <= entry.lastReadSeq) return;
  entry.lastReadSeq = seq;
  entry.unread = Math.max(0, Math.min(entry.unread, entry.lastSeq - seq));
}

export function partyUnread(map: UnreadMap | undefined, partyId: string): number {
  if (!map) return 0;
  let total = 0;
  for (const entry of Object.values(map)) if (entry.partyId === partyId) total += entry.unread;
  return total;
}

/** The seq of the first message I have not read, or null when the topic is read. */
export function firstUnreadSeq(entry: UnreadTopic | undefined): number | null {
  if (!entry || entry.unread === 0 || entry.lastSeq <= entry.lastReadSeq) return null;
  return entry.lastReadSeq + 1;
}

export const badgeText = (n: number) => (n > 99 ? '99+' : String(n));
