// The authorization every party-scoped service runs first. Non-members get 404 PARTY.NOT_FOUND, exactly
// like a party that does not exist, so party ids leak nothing; members below the needed role get 403.
import { AppError, type Role } from '@partyline/contracts';

import type { PartiesRepository } from '../parties/parties.repository.js';
import type { PartyEventsRepository } from '../parties/party-events.repository.js';
import { partyNotFound } from '../shared/errors.js';
import { isAtLeast } from '../shared/roles.js';
import type { MembersRepository } from './members.repository.js';

type RoleReader = Pick<MembersRepository, 'findRole'>;

/** The actor's role in the party; 404 PARTY.NOT_FOUND for non-members. */
export async function requireMember(members: RoleReader, partyId: string, userId: string): Promise<Role> {
  const role = await members.findRole(partyId, userId);
  if (role === null) throw partyNotFound();
  return role;
}

/**
 * Members below `min` get 403 PARTY.FORBIDDEN (they may know the party exists; they may not do this). Every
 * operation that needs admin or owner is a party-only one (invites, topics, roles, bans, kick, rename,
 * delete): in a direct conversation, whose participants are all members, it is refused as PARTY.IS_DIRECT.
 */
export async function requireRole(
  members: RoleReader,
  partyId: string,
  userId: string,
  min: Role,
): Promise<Role> {
  if (min === 'member') return requireMember(members, partyId, userId);
  const found = await members.findRole(partyId, userId, 'withKind');
  if (found === null) throw partyNotFound();
  if (found.direct) throw partyIsDirect();
  if (!isAtLeast(found.role, min)) {
    throw AppError.forbidden('PARTY.FORBIDDEN', `This needs the ${min} role or higher`);
  }
  return found.role;
}

/** 409: a party-only operation asked of a direct conversation. */
export const partyIsDirect = (message = 'A direct conversation has no invites, topics, roles or bans') =>
  AppError.conflict('PARTY.IS_DIRECT', message);

export const memberNotFound = () => AppError.notFound('MEMBER.NOT_FOUND', 'No such member');
export const memberForbidden = (message: string) => AppError.forbidden('MEMBER.FORBIDDEN', message);

/** What a membership change needs inside its transaction. */
export interface MembershipTxRepos {
  parties: Pick<PartiesRepository, 'lock' | 'remove'>;
  members: MembersRepository;
  partyEvents: PartyEventsRepository;
}

/**
 * Locks the party, then checks the actor's role: 404 for non-members, 403 below `min`, 409 PARTY.IS_DIRECT
 * for a direct conversation above 'member' (leaving is the one membership change a participant makes).
 */
export async function lockAndAuthorize(
  repos: MembershipTxRepos,
  partyId: string,
  actorId: string,
  min: Role,
): Promise<Role> {
  if (!(await repos.parties.lock(partyId))) throw partyNotFound();
  return requireRole(repos.members, partyId, actorId, min);
}
