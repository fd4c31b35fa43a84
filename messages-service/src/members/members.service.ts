// Members of a party: list, change roles, remove, leave. Every change locks the party first and writes its
// events in the same transaction; pushes follow the commit.
import { AppError, type Role } from '@partyline/contracts';

import type { PartiesRepository } from '../parties/parties.repository.js';
import { correlationOf, type Actor } from '../shared/actor.js';
import { partyNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import { isAtLeast } from '../shared/roles.js';
import type { Transaction } from '../shared/transaction.js';
import { memberLeftPushes, memberUpdatedPushes } from './member-pushes.js';
import type { MemberRecord, MembersRepository } from './members.repository.js';
import {
  lockAndAuthorize,
  memberForbidden,
  memberNotFound,
  partyIsDirect,
  requireMember,
  type MembershipTxRepos,
} from './membership.js';

interface MembersServiceDeps {
  members: MembersRepository;
  parties: Pick<PartiesRepository, 'find'>;
  tx: Transaction<MembershipTxRepos>;
  notify: Notify;
}

export function createMembersService(deps: MembersServiceDeps) {
  const { members, parties, tx, notify } = deps;

  return {
    async list(actor: Actor, partyId: string): Promise<MemberRecord[]> {
      await requireMember(members, partyId, actor.id);
      return members.list(partyId);
    },

    /**
     * Admins and owners change roles of lower members; only the owner grants admin or owner. Granting
     * owner transfers ownership: the old owner becomes admin.
     */
    async changeRole(actor: Actor, partyId: string, userId: string, role: Role): Promise<MemberRecord> {
      const changed = await tx(async (repos) => {
        const actorRole = await lockAndAuthorize(repos, partyId, actor.id, 'admin');
        const targetRole = await repos.members.lockRole(partyId, userId);
        if (targetRole === null) throw memberNotFound();
        if (targetRole === role) return [];
        if (actorRole !== 'owner' && (isAtLeast(targetRole, actorRole) || role !== 'member')) {
          throw memberForbidden('Only the owner can grant or take the admin role');
        }
        if (targetRole === 'owner') {
          throw AppError.conflict('PARTY.OWNER_MUST_TRANSFER', 'Give ownership to another member instead');
        }
        const correlationId = correlationOf(actor);
        if (role === 'owner') {
          await repos.members.setRole(partyId, actor.id, 'admin');
          await repos.members.setRole(partyId, userId, 'owner');
          await repos.partyEvents.record(partyId, correlationId, [
            { type: 'MemberRoleChanged', data: { partyId, userId: actor.id, role: 'admin' } },
            { type: 'MemberRoleChanged', data: { partyId, userId, role: 'owner' } },
          ]);
          return [actor.id, userId];
        }
        await repos.members.setRole(partyId, userId, role);
        await repos.partyEvents.record(partyId, correlationId, [
          { type: 'MemberRoleChanged', data: { partyId, userId, role } },
        ]);
        return [userId];
      });
      if (changed.length > 0) notify(await memberUpdatedPushes({ members, parties }, partyId, changed));
      const member = await members.find(partyId, userId);
      if (!member) throw memberNotFound();
      return member;
    },

    /** Admins and owners remove members of a lower role. */
    async remove(actor: Actor, partyId: string, userId: string): Promise<void> {
      await tx(async (repos) => {
        const actorRole = await lockAndAuthorize(repos, partyId, actor.id, 'admin');
        const targetRole = await repos.members.lockRole(partyId, userId);
        if (targetRole === null) throw memberNotFound();
        if (isAtLeast(targetRole, actorRole)) {
          throw memberForbidden('You can only remove lower roles');
        }
        await repos.members.remove(partyId, userId);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId, reason: 'removed' } },
        ]);
      });
      notify(await memberLeftPushes(parties, partyId, userId));
    },

    /**
     * Any member but the owner (who must transfer ownership or delete the party). A group conversation
     * may be left (the last one out deletes it); a one-to-one may not (PARTY.IS_DIRECT): its pair is its
     * key, and the other person would be left writing to nobody.
     */
    async leave(actor: Actor, partyId: string): Promise<void> {
      await tx(async (repos) => {
        const locked = await repos.parties.lock(partyId);
        if (!locked) throw partyNotFound();
        const role = await requireMember(repos.members, partyId, actor.id);
        if (locked.kind === 'direct') {
          if (locked.pair) throw partyIsDirect('A one-to-one conversation cannot be left');
          await repos.members.remove(partyId, actor.id);
          if ((await repos.members.listUserIds(partyId)).length === 0) await repos.parties.remove(partyId);
          return;
        }
        if (role === 'owner') {
          throw AppError.conflict(
            'PARTY.OWNER_MUST_TRANSFER',
            'Give ownership to another member before leaving',
          );
        }
        await repos.members.remove(partyId, actor.id);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId: actor.id, reason: 'left' } },
        ]);
      });
      notify(await memberLeftPushes(parties, partyId, actor.id));
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
