import type { PublicUser } from '@partyline/contracts';

import type { UserRecord } from './users.repository.js';

export const presentPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username ?? '',
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
});
