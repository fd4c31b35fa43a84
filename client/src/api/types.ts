// The wire shapes the client uses. Message-service shapes come from @partyline/contracts (type-only
// imports, so zod is not bundled); the accounts and socket shapes mirror docs/interfaces.md.
import type { Message, MessageDeleted } from '@partyline/contracts';

export type {
  Party,
  PartySummary,
  Member,
  Invite,
  InviteCreated,
  InvitePreview,
  Topic,
  Message,
  MessageDeleted,
  HistoryReply,
  UnreadTopic,
  UnreadReply,
  Role,
  PublicUser,
  CreateInviteBody,
} from '@partyline/contracts';

import type { Member, Party, PublicUser, Role, Topic } from '@partyline/contracts';

export interface Membership {
  partyId: string;
  partyName: string;
  role: Role;
}

export type Me = PublicUser & { createdAt: string; memberships: Membership[] };

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

export interface Providers {
  google: boolean;
  github: boolean;
  dev: boolean;
}

export interface ApiErrorBody {
  error: { code: string; message: string; correlationId?: string; details?: unknown };
}

// ---------- socket.io ----------

export interface AckError {
  ok: false;
  error: { code: string; message: string };
}
export type Ack<T extends object = Record<never, never>> = ({ ok: true } & T) | AckError;
type AckCb<T extends object = Record<never, never>> = (reply: Ack<T>) => void;

export type SyncTopicResult =
  { topicId: string; messages: Message[] } | { topicId: string; gap: true; latestSeq: number };

export interface TypingEvent {
  partyId: string;
  topicId: string;
  userId: string;
  displayName: string;
  expiresAt: string;
}

export interface PresenceEvent {
  partyId: string;
  userId: string;
  online: boolean;
}

export type MemberEvent = Member & { partyId: string };

export interface ClientToServerEvents {
  'message:send': (
    p: { topicId: string; body: string; nonce: string },
    ack: AckCb<{ message: Message }>,
  ) => void;
  'message:edit': (p: { messageId: string; body: string }, ack: AckCb<{ message: Message }>) => void;
  'message:delete': (p: { messageId: string }, ack: AckCb) => void;
  sync: (
    p: { cursors: { topicId: string; lastSeq: number }[] },
    ack: AckCb<{ topics: SyncTopicResult[] }>,
  ) => void;
  typing: (p: { topicId: string }, ack: AckCb) => void;
  'read:mark': (p: { topicId: string; seq: number }, ack: AckCb) => void;
  'presence:list': (p: { partyId: string }, ack: AckCb<{ online: string[] }>) => void;
}

export interface ServerToClientEvents {
  'message:created': (message: Message) => void;
  'message:updated': (message: Message) => void;
  'message:deleted': (event: MessageDeleted) => void;
  'topic:created': (topic: Topic) => void;
  'topic:updated': (topic: Topic) => void;
  'topic:deleted': (event: { id: string; partyId: string }) => void;
  'party:updated': (party: Omit<Party, 'myRole'>) => void;
  'party:deleted': (event: { id: string }) => void;
  'member:joined': (member: MemberEvent) => void;
  'member:updated': (member: MemberEvent) => void;
  'member:left': (event: { partyId: string; userId: string }) => void;
  presence: (event: PresenceEvent) => void;
  typing: (event: TypingEvent) => void;
  'read:updated': (event: { topicId: string; seq: number }) => void;
  error: (event: { code: string; message: string }) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
