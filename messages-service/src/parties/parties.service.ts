// Parties: create (the creator is owner, with a first topic), list, rename, delete. Returns records; the
// entry points present them.
import type { CreatePartyBody, UpdatePartyBody } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import { requireRole } from '../members/membership.js';
import { correlationOf, type Actor } from '../shared/actor.js';
import { partyNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import { ensureActorUser } from '../users/ensure-actor-user.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { MyPartyRecord, PartiesRepository } from './parties.repository.js';
import type { PartyEventsRepository } from './party-events.repository.js';

const FIRST_TOPIC_NAME = 'general';

interface PartiesServiceDeps {
  parties: PartiesRepository;
  members: Pick<MembersRepository, 'find' | 'listPartyIdsOfUser'>;
  users: Pick<UsersRepository, 'ensure'>;
  tx: Transaction<{
    parties: PartiesRepository;
    members: MembersRepository;
    topics: TopicsRepository;
    partyEvents: PartyEventsRepository;
  }>;
  notify: Notify;
}

export function createPartiesService(deps: PartiesServiceDeps) {
  const { parties, members, tx, notify } = deps;

  async function getParty(actor: Actor, partyId: string): Promise<MyPartyRecord> {
    const party = await parties.findForMember(partyId, actor.id);
    if (!party) throw partyNotFound();
    return party;
  }

  return {
    getParty,

    /** The creator becomes owner and a first topic is created; all in one transaction with its events. */
    async create(actor: Actor, input: CreatePartyBody): Promise<MyPartyRecord> {
      await ensureActorUser(deps.users, actor);
      const partyId = await tx(async (repos) => {
        const id = await repos.parties.insert(input.name);
        await repos.members.insert(id, actor.id, 'owner');
        const topic = await repos.topics.insert(id, FIRST_TOPIC_NAME);
        await repos.partyEvents.record(id, correlationOf(actor), [
          { type: 'PartyCreated', data: { partyId: id, name: input.name, ownerId: actor.id } },
          {
            type: 'MemberJoined',
            data: { partyId: id, partyName: input.name, userId: actor.id, role: 'owner' },
          },
          {
            type: 'TopicCreated',
            data: { partyId: id, topicId: topic.id, name: topic.name, position: topic.position },
          },
        ]);
        return id;
      });
      const member = await members.find(partyId, actor.id);
      if (member) notify([(n) => n.memberJoined(member)]);
      return getParty(actor, partyId);
    },

    list(actor: Actor): Promise<MyPartyRecord[]> {
      return parties.listOfUser(actor.id);
    },

    async update(actor: Actor, partyId: string, input: UpdatePartyBody): Promise<MyPartyRecord> {
      await tx(async (repos) => {
        if (!(await repos.parties.lock(partyId))) throw partyNotFound();
        await requireRole(repos.members, partyId, actor.id, 'admin');
        await repos.parties.rename(partyId, input.name);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'PartyUpdated', data: { partyId, name: input.name } },
        ]);
      });
      const party = await parties.find(partyId);
      if (party) notify([(n) => n.partyUpdated(party)]);
      return getParty(actor, partyId);
    },

    /** Owner only. Everything in the party goes with it. */
    async remove(actor: Actor, partyId: string): Promise<void> {
      await tx(async (repos) => {
        if (!(await repos.parties.lock(partyId))) throw partyNotFound();
        await requireRole(repos.members, partyId, actor.id, 'owner');
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'PartyDeleted', data: { partyId } },
        ]);
        await repos.parties.remove(partyId);
      });
      notify([(n) => n.partyDeleted({ id: partyId })]);
    },

    /** Party ids the user belongs to (the realtime gateway joins their rooms). */
    listMembershipIds(userId: string): Promise<string[]> {
      return members.listPartyIdsOfUser(userId);
    },
  };
}

export type PartiesService = ReturnType<typeof createPartiesService>;
