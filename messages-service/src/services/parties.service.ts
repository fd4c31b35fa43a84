import {
  AppError,
  type CreatePartyBody,
  type Party,
  type Role,
  type UpdatePartyBody,
} from '@partyline/contracts';

import { withTransaction } from '../db/transaction.js';
import type { Actor } from '../domain/types.js';
import { presentMember, presentParty, presentPartySummary } from '../presenters/index.js';
import { findMember, insertMember, listPartyIdsOfUser } from '../repositories/members.repo.js';
import {
  deleteParty,
  findParty,
  findPartyForMember,
  insertParty,
  listPartiesOfUser,
  renameParty,
} from '../repositories/parties.repo.js';
import { insertTopic } from '../repositories/topics.repo.js';
import { ensureUser } from '../repositories/users.repo.js';
import {
  correlationOf,
  notifyAll,
  partyNotFound,
  requireMember,
  requireRole,
  type ServiceDeps,
} from './context.js';
import { lockParty, recordPartyEvents } from './party-events.js';

export const FIRST_TOPIC_NAME = 'general';

/** Creates the actor's local user row from the token if accounts' first event has not arrived yet. */
export async function ensureActorUser(deps: ServiceDeps, actor: Actor): Promise<void> {
  const { deleted } = await ensureUser(deps.pool, { id: actor.id, username: actor.username ?? actor.id });
  if (deleted) throw new AppError('USER.DELETED', 'This account has been deleted');
}

export function createPartiesService(deps: ServiceDeps) {
  const { pool } = deps;

  async function getParty(actor: Actor, partyId: string): Promise<Party> {
    const party = await findPartyForMember(pool, partyId, actor.id);
    if (!party) throw partyNotFound();
    return presentParty(party);
  }

  return {
    getParty,

    /** The creator becomes owner and a first topic is created; all in one transaction with its events. */
    async create(actor: Actor, input: CreatePartyBody): Promise<Party> {
      await ensureActorUser(deps, actor);
      const correlationId = correlationOf(actor);
      const partyId = await withTransaction(pool, async (client) => {
        const id = await insertParty(client, input.name);
        await insertMember(client, id, actor.id, 'owner');
        const topic = await insertTopic(client, id, FIRST_TOPIC_NAME);
        await recordPartyEvents(deps, client, id, correlationId, [
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
      const member = await findMember(pool, partyId, actor.id);
      if (member) notifyAll(deps, [(n) => n.memberJoined({ ...presentMember(member), partyId })]);
      return getParty(actor, partyId);
    },

    async list(actor: Actor): Promise<Party[]> {
      return (await listPartiesOfUser(pool, actor.id)).map(presentParty);
    },

    async update(actor: Actor, partyId: string, input: UpdatePartyBody): Promise<Party> {
      await withTransaction(pool, async (client) => {
        if (!(await lockParty(client, partyId))) throw partyNotFound();
        await requireRole(client, partyId, actor.id, 'admin');
        await renameParty(client, partyId, input.name);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'PartyUpdated', data: { partyId, name: input.name } },
        ]);
      });
      const party = await findParty(pool, partyId);
      if (party) notifyAll(deps, [(n) => n.partyUpdated(presentPartySummary(party))]);
      return getParty(actor, partyId);
    },

    /** Owner only. Everything in the party goes with it. */
    async remove(actor: Actor, partyId: string): Promise<void> {
      await withTransaction(pool, async (client) => {
        if (!(await lockParty(client, partyId))) throw partyNotFound();
        await requireRole(client, partyId, actor.id, 'owner');
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'PartyDeleted', data: { partyId } },
        ]);
        await deleteParty(client, partyId);
      });
      notifyAll(deps, [(n) => n.partyDeleted({ id: partyId })]);
    },

    /** Party ids the user belongs to (the realtime gateway joins their rooms). */
    listMembershipIds(userId: string): Promise<string[]> {
      return listPartyIdsOfUser(pool, userId);
    },

    /** The user's role; 404 PARTY.NOT_FOUND when not a member. */
    requireMember(userId: string, partyId: string): Promise<Role> {
      return requireMember(pool, partyId, userId);
    },
  };
}

export type PartiesService = ReturnType<typeof createPartiesService>;
