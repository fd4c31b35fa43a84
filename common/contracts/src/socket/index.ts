// The socket.io protocol (docs/interfaces.md, "socket.io"): zod schemas for every client → server payload,
// the server → client payloads that are not REST shapes, and the typed event maps shared by the
// messages-service gateway and the browser client.
import { type AckCallback, ackSchema, Id, Timestamp, z } from '../common.js';
import { AttachmentIds } from '../attachments/index.js';
import { SYNC_MAX_TOPICS } from '../limits.js';
import {
  ChangeSeq,
  Member,
  Message,
  hasSendContent,
  MessageBody,
  MessageDeleted,
  MessageReactionsReply,
  Nonce,
  PartySummary,
  Reaction,
  ReactionEmojiInput,
  Seq,
  SendBody,
  Topic,
  TopicNotificationLevel,
} from '../messages/index.js';

// ── client → server payloads (strict: unknown keys are refused) ─────────────────────────────────────────

/** `replyToId`, `attachmentIds`, mentions and retries as in SendMessageBody (REST). */
export const MessageSendPayload = z
  .object({
    topicId: Id,
    body: SendBody,
    nonce: Nonce,
    replyToId: Id.optional(),
    attachmentIds: AttachmentIds.optional(),
  })
  .strict()
  .refine(hasSendContent, { message: 'Message must not be empty', path: ['body'] })
  .openapi('MessageSendPayload');
export type MessageSendPayload = z.infer<typeof MessageSendPayload>;

export const MessageEditPayload = z
  .object({ messageId: Id, body: MessageBody })
  .strict()
  .openapi('MessageEditPayload');
export type MessageEditPayload = z.infer<typeof MessageEditPayload>;

export const MessageDeletePayload = z.object({ messageId: Id }).strict().openapi('MessageDeletePayload');
export type MessageDeletePayload = z.infer<typeof MessageDeletePayload>;

/**
 * `lastChange`: the topic's change counter the client is up to date with (from the last sync reply of the
 * topic, or HistoryReply.lastChange when it first loaded it). With it the reply also carries the messages
 * at or before lastSeq that were edited, deleted or re-reacted since (`changed`). Without it (older clients)
 * `changed` is empty.
 */
export const SyncCursor = z.object({ topicId: Id, lastSeq: Seq, lastChange: ChangeSeq.optional() }).strict();
export type SyncCursor = z.infer<typeof SyncCursor>;

// One cursor per topic: a topic named twice would be answered twice, so repeating one multiplied the reply.
const distinctTopics = (cursors: SyncCursor[]) =>
  new Set(cursors.map((c) => c.topicId)).size === cursors.length;

export const SyncPayload = z
  .object({
    cursors: z
      .array(SyncCursor)
      .max(SYNC_MAX_TOPICS)
      .refine(distinctTopics, { message: 'Each cursor must name a different topic' }),
  })
  .strict()
  .openapi('SyncPayload');
export type SyncPayload = z.infer<typeof SyncPayload>;

export const TypingPayload = z.object({ topicId: Id }).strict().openapi('TypingPayload');
export type TypingPayload = z.infer<typeof TypingPayload>;

export const ReadMarkPayload = z.object({ topicId: Id, seq: Seq }).strict().openapi('ReadMarkPayload');
export type ReadMarkPayload = z.infer<typeof ReadMarkPayload>;

export const PresenceListPayload = z.object({ partyId: Id }).strict().openapi('PresenceListPayload');
export type PresenceListPayload = z.infer<typeof PresenceListPayload>;

/**
 * `reaction:add` / `reaction:remove`: both idempotent (adding twice keeps one, removing what is not there
 * is fine). Refused: an emoji that is not exactly one emoji (REACTION.INVALID_EMOJI), a new emoji past
 * REACTIONS_PER_MESSAGE_MAX distinct ones (REACTION.TOO_MANY), a deleted message or one of a party the
 * caller is not in (MESSAGE.NOT_FOUND). The ack carries the message's reactions after the change.
 */
export const ReactionPayload = z
  .object({ messageId: Id, emoji: ReactionEmojiInput })
  .strict()
  .openapi('ReactionPayload');
export type ReactionPayload = z.infer<typeof ReactionPayload>;

// ── replies ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `messages`: everything after the cursor's lastSeq, in seq order, as it is now. `changed`: messages at or
 * before lastSeq whose changeSeq is past the cursor's lastChange, in changeSeq order, presented in full
 * (a deleted one has deletedAt set) — apply them to the copies you hold and ignore the others.
 * `lastChange`: the cursor's next lastChange.
 */
export const SyncTopicMessages = z.object({
  topicId: Id,
  messages: z.array(Message),
  changed: z.array(Message),
  lastChange: ChangeSeq,
});
/**
 * Too much was missed (new messages or changes) or the reply is full: drop what you hold of the topic, load
 * history around your position, and continue from latestSeq / lastChange.
 */
export const SyncTopicGap = z.object({
  topicId: Id,
  gap: z.literal(true),
  latestSeq: Seq,
  lastChange: ChangeSeq,
});
export const SyncTopicResult = z.union([SyncTopicMessages, SyncTopicGap]).openapi('SyncTopicResult');
export type SyncTopicResult = z.infer<typeof SyncTopicResult>;

// ── server → client payloads ────────────────────────────────────────────────────────────────────────────

export const MessageDeletedEvent = MessageDeleted;
export type MessageDeletedEvent = MessageDeleted;

export const TopicDeletedEvent = z.object({ id: Id, partyId: Id });
export type TopicDeletedEvent = z.infer<typeof TopicDeletedEvent>;

export const PartyUpdatedEvent = PartySummary;
export type PartyUpdatedEvent = PartySummary;

export const PartyDeletedEvent = z.object({ id: Id });
export type PartyDeletedEvent = z.infer<typeof PartyDeletedEvent>;

export const MemberEvent = Member.extend({ partyId: Id });
export type MemberEvent = z.infer<typeof MemberEvent>;

export const MemberLeftEvent = z.object({ partyId: Id, userId: Id });
export type MemberLeftEvent = z.infer<typeof MemberLeftEvent>;

export const PresenceEvent = z.object({ partyId: Id, userId: Id, online: z.boolean() });
export type PresenceEvent = z.infer<typeof PresenceEvent>;

export const TypingEvent = z.object({
  partyId: Id,
  topicId: Id,
  userId: Id,
  displayName: z.string(),
  expiresAt: Timestamp,
});
export type TypingEvent = z.infer<typeof TypingEvent>;

export const ReadUpdatedEvent = z.object({ topicId: Id, seq: Seq });
export type ReadUpdatedEvent = z.infer<typeof ReadUpdatedEvent>;

/**
 * `message:reactions`, to the party room on every instance after a reaction change commits: the message's
 * reactions as they are now. Apply it only when changeSeq is not older than your copy's.
 */
export const MessageReactionsEvent = z.object({
  partyId: Id,
  topicId: Id,
  messageId: Id,
  reactions: z.array(Reaction),
  changeSeq: ChangeSeq,
});
export type MessageReactionsEvent = z.infer<typeof MessageReactionsEvent>;

/**
 * `notify:updated`, to the user's own sockets (all devices, every instance) after they change a setting.
 * `topicId` null: the party's level (never 'inherit'); otherwise the topic's own level ('inherit': none).
 */
export const NotifyUpdatedEvent = z.object({
  partyId: Id,
  topicId: Id.nullable(),
  level: TopicNotificationLevel,
});
export type NotifyUpdatedEvent = z.infer<typeof NotifyUpdatedEvent>;

/**
 * What a client passes as socket.io's handshake `auth`. `batch: true`: the client understands the `batch`
 * event (below), and the server may coalesce the events bound for it into batches.
 */
export interface SocketHandshakeAuth {
  token: string;
  batch?: boolean;
}

/** Sent just before the server drops a socket (token expired): `{ code: 'AUTH.TOKEN_EXPIRED', message }`. */
export const SocketErrorEvent = z.object({ code: z.string(), message: z.string() });
export type SocketErrorEvent = z.infer<typeof SocketErrorEvent>;

// ── the typed event maps ────────────────────────────────────────────────────────────────────────────────

export interface ClientToServerEvents {
  'message:send': (payload: MessageSendPayload, ack: AckCallback<{ message: Message }>) => void;
  'message:edit': (payload: MessageEditPayload, ack: AckCallback<{ message: Message }>) => void;
  'message:delete': (payload: MessageDeletePayload, ack: AckCallback) => void;
  sync: (payload: SyncPayload, ack: AckCallback<{ topics: SyncTopicResult[] }>) => void;
  typing: (payload: TypingPayload, ack: AckCallback) => void;
  'read:mark': (payload: ReadMarkPayload, ack: AckCallback) => void;
  'presence:list': (payload: PresenceListPayload, ack: AckCallback<{ online: Id[] }>) => void;
  'reaction:add': (payload: ReactionPayload, ack: AckCallback<MessageReactionsReply>) => void;
  'reaction:remove': (payload: ReactionPayload, ack: AckCallback<MessageReactionsReply>) => void;
}

export interface ServerToClientEvents {
  'message:created': (message: Message) => void;
  'message:updated': (message: Message) => void;
  'message:deleted': (event: MessageDeletedEvent) => void;
  'topic:created': (topic: Topic) => void;
  'topic:updated': (topic: Topic) => void;
  'topic:deleted': (event: TopicDeletedEvent) => void;
  'party:updated': (party: PartyUpdatedEvent) => void;
  'party:deleted': (event: PartyDeletedEvent) => void;
  'member:joined': (member: MemberEvent) => void;
  'member:updated': (member: MemberEvent) => void;
  'member:left': (event: MemberLeftEvent) => void;
  presence: (event: PresenceEvent) => void;
  typing: (event: TypingEvent) => void;
  'read:updated': (event: ReadUpdatedEvent) => void;
  'message:reactions': (event: MessageReactionsEvent) => void;
  'notify:updated': (event: NotifyUpdatedEvent) => void;
  error: (event: SocketErrorEvent) => void;
  /**
   * Several of the events above in one packet (docs/realtime-batching.md), only to a client that asked for
   * it (SocketHandshakeAuth.batch): `[event, payload]` each, in the order they were emitted. Dispatch them
   * in that order, exactly as if each had arrived alone. Never nested.
   */
  batch: (events: BatchedServerEvent[]) => void;
}

type UnbatchedServerEvent = Exclude<keyof ServerToClientEvents, 'batch'>;
/** One entry of a `batch`: an event name and its payload, typed together. */
export type BatchedServerEvent = {
  [E in UnbatchedServerEvent]: [E, Parameters<ServerToClientEvents[E]>[0]];
}[UnbatchedServerEvent];

// Each entry is checked against its own event's schema (looked up when parsing: the table is below).
const BatchedServerEventSchema = z
  .tuple([z.string(), z.unknown()])
  .transform((entry, ctx): BatchedServerEvent => {
    const [event, payload] = entry;
    const table: Record<string, z.ZodType | undefined> = ServerEventSchemas;
    const schema: z.ZodType | undefined = event === 'batch' ? undefined : table[event];
    if (schema === undefined) {
      ctx.addIssue({ code: 'custom', message: `Not a batchable server event: ${event}`, path: [0] });
      return z.NEVER;
    }
    const parsed: z.ZodSafeParseResult<unknown> = schema.safeParse(payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: [1, ...issue.path] });
      }
      return z.NEVER;
    }
    return [event, parsed.data] as BatchedServerEvent;
  });

/** The `batch` payload: at least one entry. */
export const ServerEventBatch: z.ZodType<BatchedServerEvent[]> = z.array(BatchedServerEventSchema).min(1);

/** The schema of each server → client payload, for clients and tests that validate what they receive. */
export const ServerEventSchemas = {
  'message:created': Message,
  'message:updated': Message,
  'message:deleted': MessageDeletedEvent,
  'topic:created': Topic,
  'topic:updated': Topic,
  'topic:deleted': TopicDeletedEvent,
  'party:updated': PartyUpdatedEvent,
  'party:deleted': PartyDeletedEvent,
  'member:joined': MemberEvent,
  'member:updated': MemberEvent,
  'member:left': MemberLeftEvent,
  presence: PresenceEvent,
  typing: TypingEvent,
  'read:updated': ReadUpdatedEvent,
  'message:reactions': MessageReactionsEvent,
  'notify:updated': NotifyUpdatedEvent,
  error: SocketErrorEvent,
  batch: ServerEventBatch,
} as const satisfies { [E in keyof ServerToClientEvents]: z.ZodType<Parameters<ServerToClientEvents[E]>[0]> };

/** The schema of each client → server payload. */
export const ClientEventSchemas = {
  'message:send': MessageSendPayload,
  'message:edit': MessageEditPayload,
  'message:delete': MessageDeletePayload,
  sync: SyncPayload,
  typing: TypingPayload,
  'read:mark': ReadMarkPayload,
  'presence:list': PresenceListPayload,
  'reaction:add': ReactionPayload,
  'reaction:remove': ReactionPayload,
} as const satisfies { [E in keyof ClientToServerEvents]: z.ZodType<Parameters<ClientToServerEvents[E]>[0]> };

/** The schema of each acknowledgement (`{ ok: true, … } | { ok: false, error }`). */
export const ClientEventReplies = {
  'message:send': ackSchema({ message: Message }),
  'message:edit': ackSchema({ message: Message }),
  'message:delete': ackSchema({}),
  sync: ackSchema({ topics: z.array(SyncTopicResult) }),
  typing: ackSchema({}),
  'read:mark': ackSchema({}),
  'presence:list': ackSchema({ online: z.array(Id) }),
  'reaction:add': ackSchema(MessageReactionsReply.shape),
  'reaction:remove': ackSchema(MessageReactionsReply.shape),
} as const satisfies { [E in keyof ClientToServerEvents]: z.ZodType };
