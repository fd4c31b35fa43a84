import type { PublicUser, UserEvent } from '@partyline/contracts';

import { withTransaction } from '../db/transaction.js';
import type { Notifier } from '../domain/notifier.js';
import { presentMember, presentPartySummary, presentPublicUser } from '../presenters/index.js';
import {
  deleteMember,
  findMember,
  findSuccessor,
  listPartyIdsOfUser,
  lockRole,
  setRole,
} from '../repositories/members.repo.js';
import { detachAuthor } from '../repositories/messages.repo.js';
import { deleteParty, findParty } from '../repositories/parties.repo.js';
import { isProcessed } from '../repositories/processed-events.repo.js';
import { findUser, markUserDeleted, upsertUser } from '../repositories/users.repo.js';
import { notifyAll, type ServiceDeps } from './context.js';
import { lockParty, recordPartyEvents } from './party-events.js';

export const USERS_CONSUMER = 'messages-service.users';

type UserStateEvent = Extract<UserEvent, { type: 'UserRegistered' | 'UserUpdated' }>;
type UserDeletedEvent = Extract<UserEvent, { type: 'UserDeleted' }>;

export function createUsersService(deps: ServiceDeps) {
  const { pool } = deps;

  /**
   * Takes one party away from a deleted user: ownership passes to the longest-standing admin, else the
   * longest-standing member; a party left empty is deleted.
   */
  async function leaveParty(partyId: string, userId: string, correlationId: string): Promise<void> {
    const outcome = await withTransaction(pool, async (client) => {
      if (!(await lockParty(client, partyId))) return null;
      const role = await lockRole(client, partyId, userId);
      if (role === null) return null;
      const successor = role === 'owner' ? await findSuccessor(client, partyId, userId) : null;
      if (role === 'owner' && successor === null) {
        await recordPartyEvents(deps, client, partyId, correlationId, [
          { type: 'MemberLeft', data: { partyId, userId, reason: 'user-deleted' } },
          { type: 'PartyDeleted', data: { partyId } },
        ]);
        await deleteParty(client, partyId);
        return { deleted: true, successor: null };
      }
      await deleteMember(client, partyId, userId);
      if (successor !== null) await setRole(client, partyId, successor, 'owner');
      await recordPartyEvents(deps, client, partyId, correlationId, [
        { type: 'MemberLeft', data: { partyId, userId, reason: 'user-deleted' } },
        ...(successor === null
          ? []
          : [
              {
                type: 'MemberRoleChanged' as const,
                data: { partyId, userId: successor, role: 'owner' as const },
              },
            ]),
      ]);
      return { deleted: false, successor };
    });
    if (!outcome) return;
    if (outcome.deleted) {
      notifyAll(deps, [(n) => n.memberLeft({ partyId, userId }), (n) => n.partyDeleted({ id: partyId })]);
      return;
    }
    const pushes: ((n: Notifier) => void)[] = [(n) => n.memberLeft({ partyId, userId })];
    if (outcome.successor !== null) {
      const heir = await findMember(pool, partyId, outcome.successor);
      if (heir) pushes.push((n) => n.memberUpdated({ ...presentMember(heir), partyId }));
    }
    const party = await findParty(pool, partyId);
    if (party) pushes.push((n) => n.partyUpdated(presentPartySummary(party)));
    notifyAll(deps, pushes);
  }

  return {
    /** Version-guarded upsert of a user's public state. Returns whether it was newer than the copy. */
    async applyUserState(event: UserStateEvent): Promise<boolean> {
      const applied = await upsertUser(pool, event.data, event.aggregateVersion);
      if (!applied) return false;
      // Members see the new name and avatar at once in every party of the user.
      const pushes: ((n: Notifier) => void)[] = [];
      for (const partyId of await listPartyIdsOfUser(pool, event.data.userId)) {
        const member = await findMember(pool, partyId, event.data.userId);
        if (member) pushes.push((n) => n.memberUpdated({ ...presentMember(member), partyId }));
      }
      notifyAll(deps, pushes);
      return true;
    },

    /**
     * The user leaves every party (one transaction per party, each with its events); their messages stay
     * without an author. Safe to repeat: a redelivered event finds nothing left to do.
     */
    async applyUserDeleted(event: UserDeletedEvent): Promise<void> {
      const { userId } = event.data;
      await markUserDeleted(pool, userId, event.aggregateVersion);
      for (const partyId of await listPartyIdsOfUser(pool, userId)) {
        await leaveParty(partyId, userId, event.correlationId);
      }
      await detachAuthor(pool, userId);
    },

    /** Whether this consumer already applied the event (for events that are not full states). */
    wasProcessed(eventId: string): Promise<boolean> {
      return isProcessed(pool, USERS_CONSUMER, eventId);
    },

    async getPublicUser(userId: string): Promise<PublicUser | null> {
      const user = await findUser(pool, userId);
      return user && !user.deleted ? presentPublicUser(user) : null;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
