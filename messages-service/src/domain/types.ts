// Plain records the repositories return and the services pass around. Presenters turn them into replies.
import type { Role } from '@partyline/contracts';

/** Who is acting: the authenticated user (from the access token or the socket handshake). */
export interface Actor {
  id: string;
  /** From the token; used to create the user's local copy before accounts' first event arrives. */
  username?: string;
  /** Travels into the Kafka envelopes written by this action. */
  correlationId?: string;
}

export const ROLE_RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export interface PartyRecord {
  id: string;
  name: string;
  ownerId: string;
  memberCount: number;
  createdAt: Date;
}

export interface MyPartyRecord extends PartyRecord {
  myRole: Role;
}

export interface UserRecord {
  id: string;
  username: string | null;
  displayName: string;
  avatarUrl: string | null;
  deleted: boolean;
}

export interface MemberRecord {
  partyId: string;
  userId: string;
  role: Role;
  joinedAt: Date;
  user: UserRecord;
}

export interface BanRecord {
  partyId: string;
  userId: string;
  reason: string | null;
  bannedBy: string | null;
  createdAt: Date;
  user: UserRecord | null;
}

export interface InviteRecord {
  id: string;
  partyId: string;
  createdBy: string | null;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface TopicRecord {
  id: string;
  partyId: string;
  name: string;
  position: number;
  lastSeq: number;
  createdAt: Date;
}

export interface MessageRecord {
  id: string;
  topicId: string;
  partyId: string;
  seq: number;
  nonce: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  /** null when there is no author any more (account deleted). */
  author: UserRecord | null;
}

export interface MessageEditRecord {
  body: string;
  editedAt: Date;
}
