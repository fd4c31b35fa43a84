// Replies built from an allow-list of fields (never the stored document: no emails, no outbox).
import type { Me, Membership, PublicUser } from '@partyline/contracts';

import type { User } from './user.repository.js';

export const presentPublicUser = (user: User): PublicUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  avatarUrl: user.avatarUrl,
});

export const presentMe = (user: User, memberships: Membership[]): Me => ({
  ...presentPublicUser(user),
  createdAt: user.createdAt.toISOString(),
  memberships: memberships.map(({ partyId, partyName, role }) => ({ partyId, partyName, role })),
});
