import { createHash, randomBytes } from 'node:crypto';

import {
  AppError,
  type CreateInviteBody,
  type Invite,
  type InviteCreated,
  type InvitePreview,
  type Party,
} from '@partyline/contracts';

import { withTransaction } from '../db/transaction.js';
import type { Actor } from '../domain/types.js';
import {
  presentInvite,
  presentInviteCreated,
  presentMember,
  presentPartySummary,
} from '../presenters/index.js';
import { isBanned } from '../repositories/bans.repo.js';
import {
  consumeInviteUse,
  findUsablePartyId,
  insertInvite,
  listInvites,
  revokeInvite,
} from '../repositories/invites.repo.js';
import { findMember, findRole, insertMember } from '../repositories/members.repo.js';
import { findParty } from '../repositories/parties.repo.js';
import { correlationOf, notifyAll, requireRole, type ServiceDeps } from './context.js';
import { lockParty, recordPartyEvents } from './party-events.js';
import { ensureActorUser, type PartiesService } from './parties.service.js';

/** 144 random bits, URL-safe; only its sha256 is stored. */
const newInviteCode = (): string => randomBytes(18).toString('base64url');
const hashCode = (code: string): Buffer => createHash('sha256').update(code, 'utf8').digest();

/** One answer for bad, expired, revoked and used-up codes, so codes cannot be probed. */
const inviteInvalid = () => AppError.notFound('INVITE.INVALID', 'This invite is invalid or has expired');

export function createInvitesService(deps: ServiceDeps, parties: PartiesService) {
  const { pool } = deps;

  return {
    async create(actor: Actor, partyId: string, input: CreateInviteBody): Promise<InviteCreated> {
      await requireRole(pool, partyId, actor.id, 'admin');
      const code = newInviteCode();
      const invite = await insertInvite(pool, {
        partyId,
        codeHash: hashCode(code),
        createdBy: actor.id,
        expiresInSeconds: input.expiresInSeconds ?? null,
        maxUses: input.maxUses ?? null,
      });
      return presentInviteCreated(invite, code);
    },

    async list(actor: Actor, partyId: string): Promise<Invite[]> {
      await requireRole(pool, partyId, actor.id, 'admin');
      return (await listInvites(pool, partyId)).map(presentInvite);
    },

    async revoke(actor: Actor, partyId: string, inviteId: string): Promise<void> {
      await requireRole(pool, partyId, actor.id, 'admin');
      if (!(await revokeInvite(pool, partyId, inviteId))) throw inviteInvalid();
    },

    async preview(actor: Actor, code: string): Promise<InvitePreview> {
      await deps.limits.invite(actor.id);
      const partyId = await findUsablePartyId(pool, hashCode(code));
      const party = partyId === null ? null : await findParty(pool, partyId);
      if (!party) throw inviteInvalid();
      return { partyId: party.id, partyName: party.name, memberCount: party.memberCount };
    },

    /**
     * Joins the party: one use is taken by a conditional UPDATE in the same transaction as the membership
     * and its event. Accepting a party one already belongs to takes no use. Banned users get 403.
     */
    async accept(actor: Actor, code: string): Promise<Party> {
      await deps.limits.invite(actor.id);
      await ensureActorUser(deps, actor);
      const codeHash = hashCode(code);
      const partyId = await findUsablePartyId(pool, codeHash);
      if (partyId === null) throw inviteInvalid();
      if ((await findRole(pool, partyId, actor.id)) !== null) return parties.getParty(actor, partyId);

      const joined = await withTransaction(pool, async (client) => {
        const party = await lockParty(client, partyId);
        if (!party) throw inviteInvalid();
        // Checked under the party lock, so a concurrent accept by the same user takes no second use.
        if ((await findRole(client, partyId, actor.id)) !== null) return false;
        if (await isBanned(client, partyId, actor.id)) {
          throw AppError.forbidden('MEMBER.BANNED', 'You are banned from this party');
        }
        if ((await consumeInviteUse(client, codeHash)) !== partyId) throw inviteInvalid();
        await insertMember(client, partyId, actor.id, 'member');
        await recordPartyEvents(deps, client, partyId, correlationOf(actor), [
          {
            type: 'MemberJoined',
            data: { partyId, partyName: party.name, userId: actor.id, role: 'member' },
          },
        ]);
        return true;
      });
      if (joined) {
        const [member, party] = await Promise.all([
          findMember(pool, partyId, actor.id),
          findParty(pool, partyId),
        ]);
        notifyAll(deps, [
          ...(member
            ? [(n: typeof deps.notifier) => n.memberJoined({ ...presentMember(member), partyId })]
            : []),
          ...(party ? [(n: typeof deps.notifier) => n.partyUpdated(presentPartySummary(party))] : []),
        ]);
      }
      return parties.getParty(actor, partyId);
    },
  };
}

export type InvitesService = ReturnType<typeof createInvitesService>;
