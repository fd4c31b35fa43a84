// Read positions: marking moves forward only (and tells the user's other devices); unread counts come
// from gap-free seqs.
import type { Actor } from '../shared/actor.js';
import { topicNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { ReadPositionRecord, ReadStatesRepository } from './read-state.repository.js';

export interface UnreadTopicRecord extends ReadPositionRecord {
  unread: number;
}

interface ReadStateServiceDeps {
  readStates: ReadStatesRepository;
  topics: Pick<TopicsRepository, 'findForMember'>;
  notify: Notify;
  /** Per user, REST and socket marks alike (and across instances). */
  limit: RateLimit;
}

export function createReadStateService(deps: ReadStateServiceDeps) {
  const { readStates, topics, notify } = deps;

  return {
    /** Moves the read position forward (clamped to the topic's last seq; never backwards). */
    async markRead(actor: Actor, input: { topicId: string; seq: number }): Promise<void> {
      await deps.limit(actor.id);
      const topic = await topics.findForMember(input.topicId, actor.id);
      if (!topic) throw topicNotFound();
      const seq = Math.min(input.seq, topic.lastSeq);
      const advanced = await readStates.advance(actor.id, topic.id, seq);
      if (advanced !== null) {
        notify([(n) => n.readUpdated(actor.id, { topicId: topic.id, seq: advanced })]);
      }
    },

    /** Every topic of every party of the actor, with its unread count (seqs are gap-free). */
    async unread(actor: Actor): Promise<UnreadTopicRecord[]> {
      const rows = await readStates.listPositions(actor.id);
      return rows.map((row) => ({ ...row, unread: Math.max(0, row.lastSeq - row.lastReadSeq) }));
    },
  };
}

export type ReadStateService = ReturnType<typeof createReadStateService>;
