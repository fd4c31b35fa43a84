import type { Message, UnreadTopic } from '../../api/types';
import { mentionsMe } from '../notifications/levels';

/**
 * The server's unread entry, plus the seqs of the unread mentions that arrived live: with them a partial
 * read mark lowers the mention count exactly. Mentions counted by the server have no known position.
 */
export type UnreadEntry = UnreadTopic & { mentionSeqs?: number[] };
export type UnreadMap = Record<string, UnreadEntry>;

/**
 * A new message raises the topic's unread count unless I wrote it (my own words are read by definition),
 * and its mention count when it mentions me.
 */
export function applyIncomingMessage(map: UnreadMap, message: Message, meId: string | undefined): void {
  const entry = (map[message.topicId] ??= {
    partyId: message.partyId,
    topicId: message.topicId,
    lastSeq: 0,
    lastReadSeq: 0,
    unread: 0,
    mentionCount: 0,
    level: 'all',
  });
  if (message.seq <= entry.lastSeq) return; // already counted (a duplicate or a sync replay)
  entry.lastSeq = message.seq;
  if (message.author?.id === meId) {
    entry.lastReadSeq = message.seq;
    entry.unread = 0;
    entry.mentionCount = 0;
    entry.mentionSeqs = [];
  } else if (message.seq > entry.lastReadSeq) {
    entry.unread += 1;
    if (mentionsMe(message, meId)) {
      entry.mentionCount = (entry.mentionCount ?? 0) + 1;
      (entry.mentionSeqs ??= []).push(message.seq);
    }
  }
}

/**
 * Read up to `seq` (here or on another device): never moves backwards. Returns true when mentions whose
 * position only the server knows may remain: the caller asks the server for the count again.
 */
export function applyReadMark(map: UnreadMap, topicId: string, seq: number): boolean {
  const entry = map[topicId];
  if (!entry || seq <= entry.lastReadSeq) return false;
  entry.lastReadSeq = seq;
  entry.unread = Math.max(0, Math.min(entry.unread, entry.lastSeq - seq));
  const known = entry.mentionSeqs ?? [];
  const unknown = Math.max(0, (entry.mentionCount ?? 0) - known.length);
  const left = known.filter((s) => s > seq);
  const unknownLeft = Math.max(0, Math.min(unknown, entry.unread - left.length));
  entry.mentionSeqs = left;
  entry.mentionCount = left.length + unknownLeft;
  return unknownLeft > 0;
}

/** A deleted message no longer counts as a mention of me (when it is one whose seq is known here). */
export function applyDeletedMessage(map: UnreadMap, topicId: string, seq: number): void {
  const entry = map[topicId];
  const known = entry?.mentionSeqs;
  if (!entry || !known?.includes(seq)) return;
  entry.mentionSeqs = known.filter((s) => s !== seq);
  entry.mentionCount = Math.max(0, (entry.mentionCount ?? 0) - 1);
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
