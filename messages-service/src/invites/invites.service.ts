// Invites: admins create, list and revoke them; anyone signed in previews and accepts a code. Codes are
// 144 random bits, stored as sha256 only; every unusable code gets the same answer.
import { createHash, randomBytes } from 'node:crypto';

import { AppError, type CreateInviteBody } from '@partyline/contracts';

import type { BansRepository } from '../bans/bans.repository.js';
import type { MembersRepository } from '../members/members.repository.js';
import { requireRole } from '../members/membership.js';
import type { PartiesRepository, PartyRecord, MyPartyRecord } from '../parties/parties.repository.js';
import type { PartiesService } from '../parties/parties.service.js';
import type { PartyEventsRepository } from '../parties/party-events.repository.js';
import { correlationOf, type Actor } from '../shared/actor.js';
import type { Notify, Push } from '../shared/notifier.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { Transaction } from '../shared/transaction.js';
import { ensureActorUser } from '../users/ensure-actor-user.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { InviteRecord, InvitesRepository } from './invites.repository.js';

/** A new invite with its code, which exists only in this reply. */
export type CreatedInvite = InviteRecord & { code: string };

/** 144 random bits, URL-safe; only its sha256 is stored. */
const newInviteCode = (): string => randomBytes(18).toString('base64url');
const hashCode = (code: string): Buffer => createHash('sha256').update(code, 'utf8').digest();

/** One answer for bad, expired, revoked and used-up codes, so codes cannot be probed. */
const inviteInvalid = () => AppError.notFound('INVITE.INVALID', 'This invite is invalid or has expired');

interface InvitesServiceDeps {
  invites: InvitesRepository;
  members: Pick<MembersRepository, 'find' | 'findRole'>;
  parties: Pick<PartiesRepository, 'find'>;
  users: Pick<UsersRepository, 'ensure'>;
  /** What the actor sees of the party they joined. */
  partyView: Pick<PartiesService, 'getParty'>;
  tx: Transaction<{
    parties: Pick<PartiesRepository, 'lock'>;
    members: Pick<MembersRepository, 'findRole' | 'insert'>;
    bans: Pick<BansRepository, 'isBanned'>;
    invites: Pick<InvitesRepository, 'consumeUse'>;
    partyEvents: PartyEventsRepository;
  }>;
  /** Previews and redemptions per user: enough for people, too few to guess codes. */
  limit: RateLimit;
  notify: Notify;
}

export function createInvitesService(deps: InvitesServiceDeps) {
  const { invites, members, parties, tx, notify } = deps;

  return {
    async create(actor: Actor, partyId: string, input: CreateInviteBody): Promise<CreatedInvite> {
      await requireRole(members, partyId, actor.id, 'admin');
      const code = newInviteCode();
      const invite = await invites.insert({
        partyId,
        codeHash: hashCode(code),
        createdBy: actor.id,
        expiresInSeconds: input.expiresInSeconds ?? null,
        maxUses: input.maxUses ?? null,
      });
      return { ...invite, code };
    },

    async list(actor: Actor, partyId: string): Promise<InviteRecord[]> {
      await requireRole(members, partyId, actor.id, 'admin');
      return invites.list(partyId);
    },

    async revoke(actor: Actor, partyId: string, inviteId: string): Promise<void> {
      await requireRole(members, partyId, actor.id, 'admin');
      if (!(await invites.revoke(partyId, inviteId))) throw inviteInvalid();
    },

    /** The party an invite leads to. */
    async preview(actor: Actor, code: string): Promise<PartyRecord> {
      await deps.limit(actor.id);
      const partyId = await invites.findUsablePartyId(hashCode(code));
      const party = partyId === null ? null : await parties.find(partyId);
      if (!party) throw inviteInvalid();
      return party;
    },

    /**
     * The same lookup for a signed-out visitor (the invite page before sign-in), counted per client
     * address: the party's name and size only, and the same INVITE.INVALID for every unusable code.
     */
    async publicPreview(clientAddress: string, code: string): Promise<PartyRecord> {
      await deps.limit(`ip:${clientAddress}`);
      const partyId = await invites.findUsablePartyId(hashCode(code));
      const party = partyId === null ? null : await parties.find(partyId);
      if (!party) throw inviteInvalid();
      return party;
    },

    /**
     * Joins the party: one use is taken by a conditional UPDATE in the same transaction as the membership
     * and its event. Accepting a party one already belongs to takes no use. Banned users get 403.
     */
    async accept(actor: Actor, code: string): Promise<MyPartyRecord> {
      await deps.limit(actor.id);
      await ensureActorUser(deps.users, actor);
      const codeHash = hashCode(code);
      const partyId = await invites.findUsablePartyId(codeHash);
      if (partyId === null) throw inviteInvalid();
      if ((await members.findRole(partyId, actor.id)) !== null)
        return deps.partyView.getParty(actor, partyId);

      const joined = await tx(async (repos) => {
        const party = await repos.parties.lock(partyId);
        if (!party) throw inviteInvalid();
        // Checked under the party lock, so a concurrent accept by the same user takes no second use.
        if ((await repos.members.findRole(partyId, actor.id)) !== null) return false;
        if (await repos.bans.isBanned(partyId, actor.id)) {
          throw AppError.forbidden('MEMBER.BANNED', 'You are banned from this party');
        }
        if ((await repos.invites.consumeUse(codeHash)) !== partyId) throw inviteInvalid();
        await repos.members.insert(partyId, actor.id, 'member');
        await repos.partyEvents.record(partyId, correlationOf(actor), [
          {
            type: 'MemberJoined',
            data: { partyId, partyName: party.name, userId: actor.id, role: 'member' },
          },
        ]);
        return true;
      });
      if (joined) {
        const [member, party] = await Promise.all([members.find(partyId, actor.id), parties.find(partyId)]);
        const pushes: Push[] = [];
        if (member) pushes.push((n) => n.memberJoined(member));
        if (party) pushes.push((n) => n.partyUpdated(party));
        notify(pushes);
      }
      return deps.partyView.getParty(actor, partyId);
    },
  };
}

export type InvitesService = ReturnType<typeof createInvitesService>;
