// Sync: what a client missed after each of its cursors, in seq order, or a gap marker when too much was
// missed. Topics the actor cannot see are left out, so a stale cursor of a deleted topic fails nothing.
import { SYNC_MAX_MESSAGES, type SyncCursor } from '@partyline/contracts';

import type { Actor } from '../shared/actor.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { MessageRecord, MessagesRepository } from './messages.repository.js';

export type SyncTopic =
  { topicId: string; messages: MessageRecord[] } | { topicId: string; gap: true; latestSeq: number };

interface SyncServiceDeps {
  messages: Pick<MessagesRepository, 'listAfter'>;
  topics: Pick<TopicsRepository, 'findManyForMember'>;
}

export function createSyncService(deps: SyncServiceDeps) {
  const { messages, topics } = deps;
  return {
    /**
     * What the client missed after each cursor, in seq order; a gap marker when more than
     * SYNC_MAX_MESSAGES were missed. Topics the actor cannot see are left out.
     */
    async sync(actor: Actor, cursors: SyncCursor[]): Promise<SyncTopic[]> {
      if (cursors.length === 0) return [];
      const visible = await topics.findManyForMember([...new Set(cursors.map((c) => c.topicId))], actor.id);
      const byId = new Map(visible.map((t) => [t.id, t]));
      const result: SyncTopic[] = [];
      for (const cursor of cursors) {
        const topic = byId.get(cursor.topicId);
        if (!topic) continue;
        if (topic.lastSeq - cursor.lastSeq > SYNC_MAX_MESSAGES) {
          result.push({ topicId: topic.id, gap: true, latestSeq: topic.lastSeq });
          continue;
        }
        const missed =
          topic.lastSeq > cursor.lastSeq
            ? await messages.listAfter(topic.id, cursor.lastSeq, SYNC_MAX_MESSAGES)
            : [];
        result.push({ topicId: topic.id, messages: missed });
      }
      return result;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
