import type { Party, PartySummary } from '@partyline/contracts';

import type { MyPartyRecord, PartyRecord } from './parties.repository.js';

export const presentPartySummary = (p: PartyRecord): PartySummary => ({
  id: p.id,
  name: p.name,
  ownerId: p.ownerId,
  memberCount: p.memberCount,
  createdAt: p.createdAt.toISOString(),
});

export const presentParty = (p: MyPartyRecord): Party => ({ ...presentPartySummary(p), myRole: p.myRole });
