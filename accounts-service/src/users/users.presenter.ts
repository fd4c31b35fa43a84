// Replies built from an allow-list of fields (never the stored document: no emails, no outbox).
import type { Me, PublicUser } from '@partyline/contracts';

import type { User } from './users.repository.js';
import type { OwnProfile } from './users.service.js';

export const presentPublicUser = (user: User): PublicUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  avatarUrl: user.avatarUrl,
});

export const presentMe = ({ user, memberships }: OwnProfile): Me => ({
  ...presentPublicUser(user),
  createdAt: user.createdAt.toISOString(),
  memberships: memberships.map(({ partyId, partyName, role }) => ({ partyId, partyName, role })),
});
