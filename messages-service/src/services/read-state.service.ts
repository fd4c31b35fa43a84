import type { UnreadReply } from '@partyline/contracts';

import type { Actor } from '../domain/types.js';
import { advanceReadState, listReadPositions } from '../repositories/read-states.repo.js';
import { findTopicForMember } from '../repositories/topics.repo.js';
import { notifyAll, type ServiceDeps } from './context.js';
import { topicNotFound } from './topics.service.js';

export function createReadStateService(deps: ServiceDeps) {
  const { pool } = deps;

  return {
    /** Moves the read position forward (clamped to the topic's last seq; never backwards). */
    async markRead(actor: Actor, input: { topicId: string; seq: number }): Promise<void> {
      const topic = await findTopicForMember(pool, input.topicId, actor.id);
      if (!topic) throw topicNotFound();
      const seq = Math.min(input.seq, topic.lastSeq);
      const advanced = await advanceReadState(pool, actor.id, topic.id, seq);
      if (advanced !== null) {
        notifyAll(deps, [(n) => n.readUpdated(actor.id, { topicId: topic.id, seq: advanced })]);
      }
    },

    /** Every topic of every party of the actor, with its unread count (seqs are gap-free). */
    async unread(actor: Actor): Promise<UnreadReply> {
      const rows = await listReadPositions(pool, actor.id);
      return {
        topics: rows.map((row) => ({ ...row, unread: Math.max(0, row.lastSeq - row.lastReadSeq) })),
      };
    },
  };
}

export type ReadStateService = ReturnType<typeof createReadStateService>;
