import type { Ban } from '@partyline/contracts';

import type { BanRecord } from './bans.repository.js';

const UNKNOWN_USER_NAME = 'Unknown user';

export const presentBan = (b: BanRecord): Ban => ({
  partyId: b.partyId,
  userId: b.userId,
  username: b.user?.username ?? null,
  // A user banned before they ever joined may have no local copy yet.
  displayName: b.user?.displayName ?? UNKNOWN_USER_NAME,
  reason: b.reason,
  bannedBy: b.bannedBy,
  createdAt: b.createdAt.toISOString(),
});
