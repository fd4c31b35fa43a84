import { AppError, type Ban, type CreateBanBody, type Member, type Role } from '@partyline/contracts';

import type { PoolClient } from '../db/pool.js';
import { withTransaction } from '../db/transaction.js';
import type { Notifier } from '../domain/notifier.js';
import { ROLE_RANK, type Actor } from '../domain/types.js';
import { presentBan, presentMember, presentPartySummary } from '../presenters/index.js';
import { deleteBan, listBans, upsertBan } from '../repositories/bans.repo.js';
import { deleteMember, findMember, listMembers, lockRole, setRole } from '../repositories/members.repo.js';
import { findParty } from '../repositories/parties.repo.js';
import {
  correlationOf,
  notifyAll,
  partyNotFound,
  requireMember,
  requireRole,
  type ServiceDeps,
} from './context.js';
import { lockParty, recordPartyEvents } from './party-events.js';

const memberNotFound = () => AppError.notFound('MEMBER.NOT_FOUND', 'No such member');
const memberForbidden = (message: string) => AppError.forbidden('MEMBER.FORBIDDEN', message);

/** Locks the party, then checks the actor's role: 404 for non-members, 403 below `min`. */
async function lockAndAuthorize(
  client: PoolClient,
  partyId: string,
  actorId: string,
  min: Role,
): Promise<Role> {
  if (!(await lockParty(client, partyId))) throw partyNotFound();
  return requireRole(client, partyId, actorId, min);
}

export function createMembersService(deps: ServiceDeps) {
  const { pool } = deps;

  /** Pushes after a membership change: the member's new state, or their leaving plus the new count. */
  async function pushMemberUpdates(partyId: string, userIds: string[]): Promise<void> {
    const pushes: ((n: Notifier) => void)[] = [];
    for (const userId of userIds) {
      const member = await findMember(pool, partyId, userId);
      if (member) pushes.push((n) => n.memberUpdated({ ...presentMember(member), partyId }));
    }
    const party = await findParty(pool, partyId);
    if (party) pushes.push((n) => n.partyUpdated(presentPartySummary(party)));
    notifyAll(deps, pushes);
  }

  async function pushMemberLeft(partyId: string, userId: string): Promise<void> {
    const party = await findParty(pool, partyId);
    notifyAll(deps, [
      (n) => n.memberLeft({ partyId, userId }),
      ...(party ? [(n: Notifier) => n.partyUpdated(presentPartySummary(party))] : []),
    ]);
  }

  return {
    async list(actor: Actor, partyId: string): Promise<Member[]> {
      await requireMember(pool, partyId, actor.id);
      return (await listMembers(pool, partyId)).map(presentMember);
    },

    /**
     * Admins and owners change roles of lower members; only the owner grants admin or owner. Granting
     * owner transfers ownership: the old owner becomes admin.
     */
    async changeRole(actor: Actor, partyId: string, userId: string, role: Role): Promise<Member> {
      const changed = await withTransaction(pool, async (client) => {
        const actorRole = await lockAndAuthorize(client, partyId, actor.id, 'admin');
        const targetRole = await lockRole(client, partyId, userId);
        if (targetRole === null) throw memberNotFound();
        if (targetRole === role) return [];
        if (actorRole !== 'owner' && (ROLE_RANK[targetRole] >= ROLE_RANK[actorRole] || role !== 'member')) {
          throw memberForbidden('Only the owner can grant or take the admin role');
        }
        if (targetRole === 'owner') {
          throw AppError.conflict('PARTY.OWNER_MUST_TRANSFER', 'Give ownership to another member instead');
        }
        const correlationId = correlationOf(actor);
        if (role === 'owner') {
          await setRole(client, partyId, actor.id, 'admin');
          await setRole(client, partyId, userId, 'owner');
          await recordPartyEvents(deps, client, partyId, correlationId, [
            { type: 'MemberRoleChanged', data: { partyId, userId: actor.id, role: 'admin' } },
            { type: 'MemberRoleChanged', data: { partyId, userId, role: 'owner' } },
          ]);
          return [actor.id, userId];
        }
        await setRole(client, partyId, userId, role);
        await recordPartyEvents(deps, client, partyId, correlationId, [
          { type: 'MemberRoleChanged', data: { partyId, userId, role } },
        ]);
        return [userId];
      });
      if (changed.length > 0) await pushMemberUpdates(partyId, changed);
      const member = await findMember(pool, partyId, userId);
      if (!member) throw memberNotFound();
      return presentMember(member);
    },

    /** Admins and owners remove members of a lower role. */
    async remove(actor: Actor, partyId: string, userId: string): Promise<void> {
      await withTransaction(pool, async (client) => {
        const actorRole = await lockAndAuthorize(client, partyId, actor.id, 'admin');
        const targetRole = await lockRole(client, partyId, userId);
        if (targetRole === null) throw memberNotFound();
        if (ROLE_RANK[targetRole] >= ROLE_RANK[actorRole])
          throw memberForbidden('You can only remove lower roles');
        await deleteMember(client, partyId, userId);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId, reason: 'removed' } },
        ]);
      });
      await pushMemberLeft(partyId, userId);
    },

    /** Any member but the owner (who must transfer ownership or delete the party). */
    async leave(actor: Actor, partyId: string): Promise<void> {
      await withTransaction(pool, async (client) => {
        const role = await lockAndAuthorize(client, partyId, actor.id, 'member');
        if (role === 'owner') {
          throw AppError.conflict(
            'PARTY.OWNER_MUST_TRANSFER',
            'Give ownership to another member before leaving',
          );
        }
        await deleteMember(client, partyId, actor.id);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId: actor.id, reason: 'left' } },
        ]);
      });
      await pushMemberLeft(partyId, actor.id);
    },

    /** Removes the user if they are a (lower) member and keeps them from joining again. */
    async ban(actor: Actor, partyId: string, input: CreateBanBody): Promise<void> {
      const wasMember = await withTransaction(pool, async (client) => {
        const actorRole = await lockAndAuthorize(client, partyId, actor.id, 'admin');
        if (input.userId === actor.id) throw memberForbidden('You cannot ban yourself');
        const targetRole = await lockRole(client, partyId, input.userId);
        if (targetRole !== null && ROLE_RANK[targetRole] >= ROLE_RANK[actorRole]) {
          throw memberForbidden('You can only ban lower roles');
        }
        await upsertBan(client, {
          partyId,
          userId: input.userId,
          reason: input.reason ?? null,
          bannedBy: actor.id,
        });
        if (targetRole === null) return false;
        await deleteMember(client, partyId, input.userId);
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId: input.userId, reason: 'banned' } },
        ]);
        return true;
      });
      if (wasMember) await pushMemberLeft(partyId, input.userId);
    },

    async listBans(actor: Actor, partyId: string): Promise<Ban[]> {
      await requireRole(pool, partyId, actor.id, 'admin');
      return (await listBans(pool, partyId)).map(presentBan);
    },

    async unban(actor: Actor, partyId: string, userId: string): Promise<void> {
      await requireRole(pool, partyId, actor.id, 'admin');
      if (!(await deleteBan(pool, partyId, userId))) throw memberNotFound();
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
