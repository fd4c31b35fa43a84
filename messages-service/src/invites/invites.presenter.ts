import type { Invite, InviteCreated, InvitePreview, PublicInvitePreview } from '@partyline/contracts';

import type { PartyRecord } from '../parties/parties.repository.js';
import type { InviteRecord } from './invites.repository.js';
import type { CreatedInvite } from './invites.service.js';

const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const presentInvite = (i: InviteRecord): Invite => ({
  id: i.id,
  partyId: i.partyId,
  createdBy: i.createdBy,
  expiresAt: isoOrNull(i.expiresAt),
  maxUses: i.maxUses,
  uses: i.uses,
  revokedAt: isoOrNull(i.revokedAt),
  createdAt: i.createdAt.toISOString(),
});

/** The only reply that carries the code: it is stored hashed. */
export const presentInviteCreated = (i: CreatedInvite): InviteCreated => ({
  ...presentInvite(i),
  code: i.code,
});

export const presentInvitePreview = (party: PartyRecord): InvitePreview => ({
  partyId: party.id,
  partyName: party.name,
  memberCount: party.memberCount,
});

/** For signed-out visitors: no ids, only what the invite page shows. */
export const presentPublicInvitePreview = (party: PartyRecord): PublicInvitePreview => ({
  partyName: party.name,
  memberCount: party.memberCount,
});
