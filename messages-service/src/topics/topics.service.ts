// Topics of a party: members list them; admins create, rename and delete them, each change with its event
// in one transaction under the party lock.
import type { CreateTopicBody, UpdateTopicBody } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import { requireMember, requireRole } from '../members/membership.js';
import type { PartiesRepository } from '../parties/parties.repository.js';
import type { PartyEventsRepository } from '../parties/party-events.repository.js';
import { correlationOf, type Actor } from '../shared/actor.js';
import { partyNotFound, topicNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicRecord, TopicsRepository } from './topics.repository.js';

interface TopicTxRepos {
  parties: Pick<PartiesRepository, 'lock'>;
  members: Pick<MembersRepository, 'findRole'>;
  topics: TopicsRepository;
  partyEvents: PartyEventsRepository;
}

interface TopicsServiceDeps {
  topics: TopicsRepository;
  members: Pick<MembersRepository, 'findRole'>;
  tx: Transaction<TopicTxRepos>;
  notify: Notify;
}

async function lockForAdmin(repos: TopicTxRepos, partyId: string, actorId: string): Promise<void> {
  if (!(await repos.parties.lock(partyId))) throw partyNotFound();
  await requireRole(repos.members, partyId, actorId, 'admin');
}

async function requireTopicInParty(
  repos: TopicTxRepos,
  partyId: string,
  topicId: string,
): Promise<TopicRecord> {
  const topic = await repos.topics.findInParty(partyId, topicId);
  if (!topic) throw topicNotFound();
  return topic;
}

export function createTopicsService(deps: TopicsServiceDeps) {
  const { topics, members, tx, notify } = deps;

  return {
    async list(actor: Actor, partyId: string): Promise<TopicRecord[]> {
      await requireMember(members, partyId, actor.id);
      return topics.list(partyId);
    },

    async create(actor: Actor, partyId: string, input: CreateTopicBody): Promise<TopicRecord> {
      const topic = await tx(async (repos) => {
        await lockForAdmin(repos, partyId, actor.id);
        const created = await repos.topics.insert(partyId, input.name);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          {
            type: 'TopicCreated',
            data: { partyId, topicId: created.id, name: created.name, position: created.position },
          },
        ]);
        return created;
      });
      notify([(n) => n.topicCreated(topic)]);
      return topic;
    },

    async update(
      actor: Actor,
      partyId: string,
      topicId: string,
      input: UpdateTopicBody,
    ): Promise<TopicRecord> {
      const topic = await tx(async (repos) => {
        await lockForAdmin(repos, partyId, actor.id);
        await requireTopicInParty(repos, partyId, topicId);
        const renamed = await repos.topics.rename(topicId, input.name);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          {
            type: 'TopicUpdated',
            data: { partyId, topicId, name: renamed.name, position: renamed.position },
          },
        ]);
        return renamed;
      });
      notify([(n) => n.topicUpdated(topic)]);
      return topic;
    },

    /** Deletes the topic with its messages and read states. */
    async remove(actor: Actor, partyId: string, topicId: string): Promise<void> {
      await tx(async (repos) => {
        await lockForAdmin(repos, partyId, actor.id);
        await requireTopicInParty(repos, partyId, topicId);
        await repos.topics.remove(topicId);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'TopicDeleted', data: { partyId, topicId } },
        ]);
      });
      notify([(n) => n.topicDeleted({ id: topicId, partyId })]);
    },
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
