// Bans: an admin+ bans a user (removing them when they are a member of a lower role), lists and lifts bans.
// A banned user cannot accept an invite of the party (see invites.service).
import type { CreateBanBody } from '@partyline/contracts';

import { memberLeftPushes } from '../members/member-pushes.js';
import type { MembersRepository } from '../members/members.repository.js';
import {
  lockAndAuthorize,
  memberForbidden,
  memberNotFound,
  requireRole,
  type MembershipTxRepos,
} from '../members/membership.js';
import type { PartiesRepository } from '../parties/parties.repository.js';
import { correlationOf, type Actor } from '../shared/actor.js';
import type { Notify } from '../shared/notifier.js';
import { isAtLeast } from '../shared/roles.js';
import type { Transaction } from '../shared/transaction.js';
import type { BanRecord, BansRepository } from './bans.repository.js';

interface BansServiceDeps {
  bans: BansRepository;
  members: Pick<MembersRepository, 'findRole'>;
  parties: Pick<PartiesRepository, 'find'>;
  tx: Transaction<MembershipTxRepos & { bans: BansRepository }>;
  notify: Notify;
}

export function createBansService(deps: BansServiceDeps) {
  const { bans, members, parties, tx, notify } = deps;

  return {
    /** Removes the user if they are a (lower) member and keeps them from joining again. */
    async ban(actor: Actor, partyId: string, input: CreateBanBody): Promise<void> {
      const wasMember = await tx(async (repos) => {
        const actorRole = await lockAndAuthorize(repos, partyId, actor.id, 'admin');
        if (input.userId === actor.id) throw memberForbidden('You cannot ban yourself');
        const targetRole = await repos.members.lockRole(partyId, input.userId);
        if (targetRole !== null && isAtLeast(targetRole, actorRole)) {
          throw memberForbidden('You can only ban lower roles');
        }
        await repos.bans.upsert({
          partyId,
          userId: input.userId,
          reason: input.reason ?? null,
          bannedBy: actor.id,
        });
        if (targetRole === null) return false;
        await repos.members.remove(partyId, input.userId);
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          { type: 'MemberLeft', data: { partyId, userId: input.userId, reason: 'banned' } },
        ]);
        return true;
      });
      if (wasMember) notify(await memberLeftPushes(parties, partyId, input.userId));
    },

    async list(actor: Actor, partyId: string): Promise<BanRecord[]> {
      await requireRole(members, partyId, actor.id, 'admin');
      return bans.list(partyId);
    },

    async unban(actor: Actor, partyId: string, userId: string): Promise<void> {
      await requireRole(members, partyId, actor.id, 'admin');
      if (!(await bans.remove(partyId, userId))) throw memberNotFound();
    },
  };
}

export type BansService = ReturnType<typeof createBansService>;
