// Sync: what a client missed after each of its cursors, in seq order, or a gap marker when too much was
// missed. Topics the actor cannot see are left out, so a stale cursor of a deleted topic fails nothing.
// One reply is bounded in all (SYNC_REPLY_MAX_MESSAGES, SYNC_REPLY_MAX_BYTES): without that, 200 topics of
// 500 long messages each are hundreds of megabytes for one small request.
import {
  SYNC_MAX_CHANGES,
  SYNC_MAX_MESSAGES,
  SYNC_REPLY_MAX_BYTES,
  SYNC_REPLY_MAX_MESSAGES,
  type SyncCursor,
} from '@partyline/contracts';

import type { Actor } from '../shared/actor.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { MessageRecord, MessagesRepository } from './messages.repository.js';

export type SyncTopic =
  | { topicId: string; messages: MessageRecord[]; changed: MessageRecord[]; lastChange: number }
  | { topicId: string; gap: true; latestSeq: number; lastChange: number };

/** What a presented message costs beyond its body (ids, seq, nonce, author, timestamps), generously. */
const MESSAGE_OVERHEAD_BYTES = 512;
const utf8 = new TextEncoder();
/** An upper bound of a message's share of the JSON reply. */
/** A reply preview's excerpt is short; mentioned ids and reactors are uuids (40 bytes in JSON each). */
const REPLY_PREVIEW_BYTES = 700;
const UUID_BYTES = 40;
const replyBytes = (message: MessageRecord): number =>
  utf8.encode(JSON.stringify(message.body)).length +
  MESSAGE_OVERHEAD_BYTES +
  (message.replyTo === null ? 0 : REPLY_PREVIEW_BYTES) +
  message.mentions.userIds.length * UUID_BYTES +
  message.reactions.reduce((sum, r) => sum + 64 + r.userIds.length * UUID_BYTES, 0);

interface SyncServiceDeps {
  messages: Pick<MessagesRepository, 'listAfter' | 'listChanged'>;
  topics: Pick<TopicsRepository, 'findManyForMember' | 'lastChanges'>;
  /** Per user, across instances; an empty sync (the client's heartbeat) is not counted. */
  limit: RateLimit;
  /** The caps of one reply (tests use smaller ones). */
  caps?: { messages: number; bytes: number };
}

export function createSyncService(deps: SyncServiceDeps) {
  const { messages, topics } = deps;
  const caps = deps.caps ?? { messages: SYNC_REPLY_MAX_MESSAGES, bytes: SYNC_REPLY_MAX_BYTES };
  return {
    /**
     * What the client missed after each cursor (cursors name distinct topics, the contract checks it), in
     * seq order, and, for a cursor with `lastChange`, the messages at or before its lastSeq changed since
     * (edits, deletes, reactions), in change order. A topic gets a gap marker when more than
     * SYNC_MAX_MESSAGES were missed in it, more than SYNC_MAX_CHANGES changed, or when its messages would
     * take the reply past its caps; the topics before it are answered in full. The change counters are read
     * before the messages, so what is returned is at least as new as the lastChange handed out with it.
     */
    async sync(actor: Actor, cursors: SyncCursor[]): Promise<SyncTopic[]> {
      if (cursors.length === 0) return [];
      await deps.limit(actor.id);
      const visible = await topics.findManyForMember(
        cursors.map((c) => c.topicId),
        actor.id,
      );
      const byId = new Map(visible.map((t) => [t.id, t]));
      const lastChanges = await topics.lastChanges(visible.map((t) => t.id));
      let messagesLeft = caps.messages;
      let bytesLeft = caps.bytes;
      const result: SyncTopic[] = [];
      for (const cursor of cursors) {
        const topic = byId.get(cursor.topicId);
        if (!topic) continue;
        const lastChange = lastChanges.get(topic.id) ?? 0;
        const missedCount = Math.max(0, topic.lastSeq - cursor.lastSeq);
        const gap = { topicId: topic.id, gap: true as const, latestSeq: topic.lastSeq, lastChange };
        // Seqs are gap-free, so the count is known before reading anything.
        if (missedCount > Math.min(SYNC_MAX_MESSAGES, messagesLeft)) {
          result.push(gap);
          continue;
        }
        const missed = missedCount > 0 ? await messages.listAfter(topic.id, cursor.lastSeq, missedCount) : [];
        // Changed messages at or before lastSeq (the newer ones are in `missed`, as they are now). One more
        // than allowed is read to tell "exactly the cap" from "too many".
        const changeCap = Math.min(SYNC_MAX_CHANGES, messagesLeft - missed.length);
        const changed =
          cursor.lastChange !== undefined && cursor.lastChange < lastChange && cursor.lastSeq > 0
            ? await messages.listChanged(topic.id, cursor.lastChange, cursor.lastSeq, changeCap + 1)
            : [];
        if (changed.length > changeCap) {
          result.push(gap);
          continue;
        }
        const bytes = [...missed, ...changed].reduce((sum, message) => sum + replyBytes(message), 0);
        if (bytes > bytesLeft) {
          result.push(gap);
          continue;
        }
        messagesLeft -= missed.length + changed.length;
        bytesLeft -= bytes;
        result.push({ topicId: topic.id, messages: missed, changed, lastChange });
      }
      return result;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
