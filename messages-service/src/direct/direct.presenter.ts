import type { DirectContact, DirectConversation, DirectParticipant } from '@partyline/contracts';

import type { MemberRecord } from '../members/members.repository.js';
import type { UserRecord } from '../users/users.repository.js';
import type { Conversation } from './direct.service.js';

const presentParticipant = (m: MemberRecord): DirectParticipant => ({
  userId: m.userId,
  username: m.username,
  displayName: m.displayName,
  avatarUrl: m.avatarUrl,
});

export const presentConversation = (c: Conversation): DirectConversation => ({
  id: c.id,
  topicId: c.topicId,
  group: c.group,
  participants: c.participants.map(presentParticipant),
  lastActivityAt: c.lastActivityAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
});

export const presentContact = (u: UserRecord): DirectContact => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
});
