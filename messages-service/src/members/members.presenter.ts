import type { Member, MemberEvent } from '@partyline/contracts';

import type { MemberRecord } from './members.repository.js';

export const presentMember = (m: MemberRecord): Member => ({
  userId: m.userId,
  username: m.username,
  displayName: m.displayName,
  avatarUrl: m.avatarUrl,
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
});

/** A membership push names its party (a socket hears many). */
export const presentMemberEvent = (m: MemberRecord): MemberEvent => ({
  ...presentMember(m),
  partyId: m.partyId,
});
