// Allow-list presenters: the only place records become reply shapes (REST and socket pushes alike).
import type {
  Ban,
  Invite,
  InviteCreated,
  Member,
  Message,
  MessageEdit,
  Party,
  PartySummary,
  PublicUser,
  Topic,
} from '@partyline/contracts';

import type {
  BanRecord,
  InviteRecord,
  MemberRecord,
  MessageEditRecord,
  MessageRecord,
  MyPartyRecord,
  PartyRecord,
  TopicRecord,
  UserRecord,
} from '../domain/types.js';
import { DELETED_USER_NAME } from '../repositories/users.repo.js';

const UNKNOWN_USER_NAME = 'Unknown user';

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const presentPartySummary = (p: PartyRecord): PartySummary => ({
  id: p.id,
  name: p.name,
  ownerId: p.ownerId,
  memberCount: p.memberCount,
  createdAt: iso(p.createdAt),
});

export const presentParty = (p: MyPartyRecord): Party => ({ ...presentPartySummary(p), myRole: p.myRole });

export const presentPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username ?? '',
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
});

export const presentMember = (m: MemberRecord): Member => ({
  userId: m.userId,
  username: m.user.deleted ? null : m.user.username,
  displayName: m.user.deleted ? DELETED_USER_NAME : m.user.displayName,
  avatarUrl: m.user.deleted ? null : m.user.avatarUrl,
  role: m.role,
  joinedAt: iso(m.joinedAt),
});

export const presentBan = (b: BanRecord): Ban => ({
  partyId: b.partyId,
  userId: b.userId,
  username: b.user?.username ?? null,
  // A user banned before they ever joined may have no local copy yet.
  displayName: b.user?.displayName ?? UNKNOWN_USER_NAME,
  reason: b.reason,
  bannedBy: b.bannedBy,
  createdAt: iso(b.createdAt),
});

export const presentInvite = (i: InviteRecord): Invite => ({
  id: i.id,
  partyId: i.partyId,
  createdBy: i.createdBy,
  expiresAt: isoOrNull(i.expiresAt),
  maxUses: i.maxUses,
  uses: i.uses,
  revokedAt: isoOrNull(i.revokedAt),
  createdAt: iso(i.createdAt),
});

export const presentInviteCreated = (i: InviteRecord, code: string): InviteCreated => ({
  ...presentInvite(i),
  code,
});

export const presentTopic = (t: TopicRecord): Topic => ({
  id: t.id,
  partyId: t.partyId,
  name: t.name,
  position: t.position,
  lastSeq: t.lastSeq,
  createdAt: iso(t.createdAt),
});

export const presentMessage = (m: MessageRecord): Message => ({
  id: m.id,
  topicId: m.topicId,
  partyId: m.partyId,
  seq: m.seq,
  nonce: m.nonce,
  author: m.author === null ? null : presentPublicUser(m.author),
  body: m.deletedAt === null ? m.body : '',
  createdAt: iso(m.createdAt),
  editedAt: isoOrNull(m.editedAt),
  deletedAt: isoOrNull(m.deletedAt),
});

export const presentMessageEdit = (e: MessageEditRecord): MessageEdit => ({
  body: e.body,
  editedAt: iso(e.editedAt),
});
