// The wire shapes the client uses, all from @partyline/contracts. Type-only imports: the zod schemas
// themselves are not bundled into the client.
export type {
  Ack,
  AckError,
  Attachment,
  AttachmentUpload,
  AttachmentUrl,
  MyAttachment,
  Ban,
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
  MessageEdit,
  Party,
  PartySummary,
  PresenceEvent,
  Providers,
  PublicInvitePreview,
  PublicUser,
  Role,
  SearchReply,
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
