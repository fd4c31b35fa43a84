// Sync: what a client missed after each of its cursors, in seq order, or a gap marker when too much was
// missed. Topics the actor cannot see are left out, so a stale cursor of a deleted topic fails nothing.
// One reply is bounded in all (SYNC_REPLY_MAX_MESSAGES, SYNC_REPLY_MAX_BYTES): without that, 200 topics of
// 500 long messages each are hundreds of megabytes for one small request.
import {
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
  { topicId: string; messages: MessageRecord[] } | { topicId: string; gap: true; latestSeq: number };

/** What a presented message costs beyond its body (ids, seq, nonce, author, timestamps), generously. */
const MESSAGE_OVERHEAD_BYTES = 512;
const utf8 = new TextEncoder();
/** An upper bound of a message's share of the JSON reply. */
const replyBytes = (message: MessageRecord): number =>
  utf8.encode(JSON.stringify(message.body)).length + MESSAGE_OVERHEAD_BYTES;

interface SyncServiceDeps {
  messages: Pick<MessagesRepository, 'listAfter'>;
  topics: Pick<TopicsRepository, 'findManyForMember'>;
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
     * seq order. A topic gets a gap marker when more than SYNC_MAX_MESSAGES were missed in it, or when its
     * messages would take the reply past its caps; the topics before it are answered in full.
     */
    async sync(actor: Actor, cursors: SyncCursor[]): Promise<SyncTopic[]> {
      if (cursors.length === 0) return [];
      await deps.limit(actor.id);
      const visible = await topics.findManyForMember(
        cursors.map((c) => c.topicId),
        actor.id,
      );
      const byId = new Map(visible.map((t) => [t.id, t]));
      let messagesLeft = caps.messages;
      let bytesLeft = caps.bytes;
      const result: SyncTopic[] = [];
      for (const cursor of cursors) {
        const topic = byId.get(cursor.topicId);
        if (!topic) continue;
        const missedCount = Math.max(0, topic.lastSeq - cursor.lastSeq);
        const gap = { topicId: topic.id, gap: true as const, latestSeq: topic.lastSeq };
        // Seqs are gap-free, so the count is known before reading anything.
        if (missedCount > Math.min(SYNC_MAX_MESSAGES, messagesLeft)) {
          result.push(gap);
          continue;
        }
        const missed = missedCount > 0 ? await messages.listAfter(topic.id, cursor.lastSeq, missedCount) : [];
        const bytes = missed.reduce((sum, message) => sum + replyBytes(message), 0);
        if (bytes > bytesLeft) {
          result.push(gap);
          continue;
        }
        messagesLeft -= missed.length;
        bytesLeft -= bytes;
        result.push({ topicId: topic.id, messages: missed });
      }
      return result;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
