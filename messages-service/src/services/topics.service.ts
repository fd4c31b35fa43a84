import { AppError, type CreateTopicBody, type Topic, type UpdateTopicBody } from '@partyline/contracts';

import type { PoolClient } from '../db/pool.js';
import { withTransaction } from '../db/transaction.js';
import type { Actor, TopicRecord } from '../domain/types.js';
import { presentTopic } from '../presenters/index.js';
import {
  deleteTopic,
  findTopicForMember,
  findTopicInParty,
  insertTopic,
  listTopics,
  renameTopic,
} from '../repositories/topics.repo.js';
import {
  correlationOf,
  notifyAll,
  partyNotFound,
  requireMember,
  requireRole,
  type ServiceDeps,
} from './context.js';
import { lockParty, recordPartyEvents } from './party-events.js';

export const topicNotFound = () => AppError.notFound('TOPIC.NOT_FOUND', 'No such topic');

async function lockForAdmin(client: PoolClient, partyId: string, actorId: string): Promise<void> {
  if (!(await lockParty(client, partyId))) throw partyNotFound();
  await requireRole(client, partyId, actorId, 'admin');
}

async function requireTopicInParty(
  client: PoolClient,
  partyId: string,
  topicId: string,
): Promise<TopicRecord> {
  const topic = await findTopicInParty(client, partyId, topicId);
  if (!topic) throw topicNotFound();
  return topic;
}

export function createTopicsService(deps: ServiceDeps) {
  const { pool } = deps;

  return {
    async list(actor: Actor, partyId: string): Promise<Topic[]> {
      await requireMember(pool, partyId, actor.id);
      return (await listTopics(pool, partyId)).map(presentTopic);
    },

    async create(actor: Actor, partyId: string, input: CreateTopicBody): Promise<Topic> {
      const topic = await withTransaction(pool, async (client) => {
        await lockForAdmin(client, partyId, actor.id);
        const created = await insertTopic(client, partyId, input.name);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          {
            type: 'TopicCreated',
            data: { partyId, topicId: created.id, name: created.name, position: created.position },
          },
        ]);
        return presentTopic(created);
      });
      notifyAll(deps, [(n) => n.topicCreated(topic)]);
      return topic;
    },

    async update(actor: Actor, partyId: string, topicId: string, input: UpdateTopicBody): Promise<Topic> {
      const topic = await withTransaction(pool, async (client) => {
        await lockForAdmin(client, partyId, actor.id);
        await requireTopicInParty(client, partyId, topicId);
        const renamed = await renameTopic(client, topicId, input.name);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          {
            type: 'TopicUpdated',
            data: { partyId, topicId, name: renamed.name, position: renamed.position },
          },
        ]);
        return presentTopic(renamed);
      });
      notifyAll(deps, [(n) => n.topicUpdated(topic)]);
      return topic;
    },

    /** Deletes the topic with its messages and read states. */
    async remove(actor: Actor, partyId: string, topicId: string): Promise<void> {
      await withTransaction(pool, async (client) => {
        await lockForAdmin(client, partyId, actor.id);
        await requireTopicInParty(client, partyId, topicId);
        await deleteTopic(client, topicId);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'TopicDeleted', data: { partyId, topicId } },
        ]);
      });
      notifyAll(deps, [(n) => n.topicDeleted({ id: topicId, partyId })]);
    },

    /** The topic if the actor is a member of its party; 404 TOPIC.NOT_FOUND otherwise (e.g. for typing). */
    async requireTopic(actor: Actor, topicId: string): Promise<Topic> {
      const topic = await findTopicForMember(pool, topicId, actor.id);
      if (!topic) throw topicNotFound();
      return presentTopic(topic);
    },
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
