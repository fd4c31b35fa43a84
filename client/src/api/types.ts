// The wire shapes the client uses, all from @partyline/contracts. Type-only imports: the zod schemas
// themselves are not bundled into the client.
export type {
  Ack,
  AckError,
  ClientToServerEvents,
  CreateInviteBody,
  HistoryReply,
  Invite,
  InviteCreated,
  InvitePreview,
  Me,
  Member,
  MemberEvent,
  Membership,
  Message,
  MessageDeleted,
  Party,
  PartySummary,
  PresenceEvent,
  Providers,
  PublicUser,
  Role,
  ServerToClientEvents,
  Session,
  SyncTopicResult,
  Topic,
  TypingEvent,
  UnreadReply,
  UnreadTopic,
} from '@partyline/contracts';

import type { ServerToClientEvents } from '@partyline/contracts';

export type ServerEventName = keyof ServerToClientEvents;
