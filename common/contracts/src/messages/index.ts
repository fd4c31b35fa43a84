// messages-service REST contracts: parties, members, bans, invites, topics, messages, read state,
// reactions, notification settings. Client input is `.strict()`; replies are the shapes the presenters
// build (allow-listed fields only). The mention syntax of bodies is in ./mentions.ts, the reaction emoji
// rule in ./emoji.ts.
import { Id, PublicUser, Role, Timestamp, z } from '../common.js';
import {
  BAN_REASON_MAX,
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  INVITE_CODE_MAX,
  INVITE_MAX_USES_MAX,
  INVITE_TTL_MAX_SECONDS,
  INVITE_TTL_MIN_SECONDS,
  MESSAGE_BODY_MAX,
  NONCE_MAX,
  NONCE_MIN,
  PARTY_NAME_MAX,
  REACTION_EMOJI_MAX,
  SEARCH_PAGE_DEFAULT,
  SEARCH_PAGE_MAX,
  SEARCH_QUERY_MAX,
  TOPIC_NAME_MAX,
} from '../limits.js';
import { hasVisibleText, nameString, storableString } from '../text.js';
import { Attachment, AttachmentIds } from '../attachments/index.js';

export * from './emoji.js';
export * from './mentions.js';

// ---------- building blocks ----------

export const PartyName = nameString(PARTY_NAME_MAX).openapi({ example: 'Board games' });
export const TopicName = nameString(TOPIC_NAME_MAX).openapi({ example: 'general' });
/**
 * Message text: 1..MESSAGE_BODY_MAX characters with something visible in it (any visible text, not only
 * white space or zero-width characters). Stored as sent (not trimmed).
 */
export const MessageBody = storableString()
  .min(1)
  .max(MESSAGE_BODY_MAX)
  .refine(hasVisibleText, { message: 'Message must not be empty' })
  .openapi({ example: 'Hello, party!' });
/** A client-chosen idempotency key for a send; a retry with the same nonce returns the original message. */
export const Nonce = storableString().min(NONCE_MIN).max(NONCE_MAX).openapi({ example: 'c0ffee-42-abcdef' });
/** A topic sequence number: gap-free per topic, starting at 1. */
export const Seq = z.number().int().min(0).openapi({ example: 42 });
/**
 * A topic's change counter (issue 14): bumped by one, in the same transaction, by every edit, delete and
 * reaction change of a message of the topic; the changed message keeps the value as its `changeSeq`.
 * 0 until the first change. Gap-free per topic, like seq.
 */
export const ChangeSeq = z.number().int().min(0).openapi({ example: 7 });
const QuerySeq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ---------- replies ----------

export const Party = z
  .object({
    id: Id,
    name: z.string(),
    ownerId: Id,
    myRole: Role,
    memberCount: z.number().int(),
    createdAt: Timestamp,
  })
  .openapi('Party');
export type Party = z.infer<typeof Party>;

/** A party as pushed to every member (socket `party:updated`): no per-viewer role. */
export const PartySummary = Party.omit({ myRole: true }).openapi('PartySummary');
export type PartySummary = z.infer<typeof PartySummary>;

export const Member = z
  .object({
    userId: Id,
    /** null for a deleted user. */
    username: z.string().nullable(),
    /** "Deleted user" for a deleted user. */
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    role: Role,
    joinedAt: Timestamp,
  })
  .openapi('Member');
export type Member = z.infer<typeof Member>;

export const Ban = z
  .object({
    partyId: Id,
    userId: Id,
    username: z.string().nullable(),
    displayName: z.string(),
    reason: z.string().nullable(),
    bannedBy: Id.nullable(),
    createdAt: Timestamp,
  })
  .openapi('Ban');
export type Ban = z.infer<typeof Ban>;

export const Invite = z
  .object({
    id: Id,
    partyId: Id,
    createdBy: Id.nullable(),
    expiresAt: Timestamp.nullable(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    revokedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .openapi('Invite');
export type Invite = z.infer<typeof Invite>;

/** The only reply that carries the invite code; it is stored hashed and never shown again. */
export const InviteCreated = Invite.extend({ code: z.string() }).openapi('InviteCreated');
export type InviteCreated = z.infer<typeof InviteCreated>;

export const InvitePreview = z
  .object({ partyId: Id, partyName: z.string(), memberCount: z.number().int() })
  .openapi('InvitePreview');
export type InvitePreview = z.infer<typeof InvitePreview>;

/** What a signed-out visitor learns from a code: the party's name and size, no ids. */
export const PublicInvitePreview = z
  .object({ partyName: z.string(), memberCount: z.number().int() })
  .openapi('PublicInvitePreview');
export type PublicInvitePreview = z.infer<typeof PublicInvitePreview>;

export const Topic = z
  .object({
    id: Id,
    partyId: Id,
    name: z.string(),
    position: z.number().int(),
    lastSeq: Seq,
    createdAt: Timestamp,
  })
  .openapi('Topic');
export type Topic = z.infer<typeof Topic>;

/**
 * The message a reply answers, as it is NOW (computed when the reply is read, not when it was sent):
 * an edit of the original changes the excerpt, a delete sets `deleted` and empties it. A client that holds
 * the original may refresh the previews of replies to it on `message:updated` / `message:deleted`.
 */
export const ReplyPreview = z
  .object({
    id: Id,
    seq: Seq,
    /** null when the original's author account was deleted. */
    authorId: Id.nullable(),
    /** The first line of the original's current body, at most REPLY_EXCERPT_MAX characters; '' when deleted. */
    excerpt: z.string(),
    deleted: z.boolean(),
  })
  .openapi('ReplyPreview');
export type ReplyPreview = z.infer<typeof ReplyPreview>;

/**
 * What a message mentions, extracted by the server on send and edit (syntax: ./mentions.ts). `userIds`
 * are the `<@id>` mentions of users who were members of the party then, distinct, in order of appearance.
 * Who an `@here` reached (the members online at send time) is stored for the counts but not shown.
 */
export const MessageMentions = z
  .object({ userIds: z.array(Id), everyone: z.boolean(), here: z.boolean() })
  .openapi('MessageMentions');
export type MessageMentions = z.infer<typeof MessageMentions>;

/** One emoji on a message: how many reacted and the first REACTION_USERS_SHOWN of them, by time. */
export const Reaction = z
  .object({ emoji: z.string(), count: z.number().int().min(1), userIds: z.array(Id) })
  .openapi('Reaction');
export type Reaction = z.infer<typeof Reaction>;

export const Message = z
  .object({
    id: Id,
    topicId: Id,
    partyId: Id,
    seq: Seq,
    nonce: z.string(),
    /** null when the author's account was deleted. */
    author: PublicUser.nullable(),
    /** "" once the message is deleted. */
    body: z.string(),
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
    deletedAt: Timestamp.nullable(),
    /** The message this one replies to (same topic), or null. */
    replyTo: ReplyPreview.nullable(),
    /** Empty (no ids, both false) once deleted. */
    mentions: MessageMentions,
    /** In order of each emoji's first reaction; [] once deleted. At most REACTIONS_PER_MESSAGE_MAX. */
    reactions: z.array(Reaction),
    /**
     * The topic's change counter at this message's latest edit, delete or reaction change (0: never changed).
     * Of two copies of a message, the one with the higher changeSeq is the newer.
     */
    changeSeq: ChangeSeq,
    /** Files of the message, in upload order; [] once deleted. Always sent by the server. */
    attachments: z.array(Attachment).optional(),
  })
  .openapi('Message');
export type Message = z.infer<typeof Message>;

export const MessageDeleted = z
  .object({ id: Id, topicId: Id, partyId: Id, seq: Seq, changeSeq: ChangeSeq })
  .openapi('MessageDeleted');
export type MessageDeleted = z.infer<typeof MessageDeleted>;

export const MessageEdit = z.object({ body: z.string(), editedAt: Timestamp }).openapi('MessageEdit');
export type MessageEdit = z.infer<typeof MessageEdit>;
export const MessageEditList = z.array(MessageEdit);

export const HistoryReply = z
  .object({
    messages: z.array(Message),
    hasOlder: z.boolean(),
    hasNewer: z.boolean(),
    /**
     * The topic's change counter, read before the page: a client with no `lastChange` for the topic yet
     * starts its sync cursor from it (a change it then gets twice is applied twice, harmlessly).
     */
    lastChange: ChangeSeq,
  })
  .openapi('HistoryReply');
export type HistoryReply = z.infer<typeof HistoryReply>;

export const SearchReply = z.object({ messages: z.array(Message) }).openapi('SearchReply');
export type SearchReply = z.infer<typeof SearchReply>;

/** What a user hears of a party or topic: every message, mentions of them only, or nothing. */
export const NotificationLevel = z.enum(['all', 'mentions', 'none']).openapi('NotificationLevel');
export type NotificationLevel = z.infer<typeof NotificationLevel>;
/** A topic's own setting; 'inherit' (the default) follows the party's. */
export const TopicNotificationLevel = z
  .enum(['all', 'mentions', 'none', 'inherit'])
  .openapi('TopicNotificationLevel');
export type TopicNotificationLevel = z.infer<typeof TopicNotificationLevel>;

export const UnreadTopic = z.object({
  partyId: Id,
  topicId: Id,
  lastSeq: Seq,
  lastReadSeq: Seq,
  unread: z.number().int().min(0),
  /**
   * Messages after lastReadSeq, not by me and not deleted, that mention me: `<@me>`, `@everyone`, or an
   * `@here` sent while I was online. Counted from stored data (correct on every device); reported whatever
   * the level (a client shows no badge for a topic whose level is 'none').
   */
  mentionCount: z.number().int().min(0),
  /** The effective level: the topic's setting, else the party's, else 'all'. */
  level: NotificationLevel,
});
export type UnreadTopic = z.infer<typeof UnreadTopic>;
export const UnreadReply = z.object({ topics: z.array(UnreadTopic) }).openapi('UnreadReply');
export type UnreadReply = z.infer<typeof UnreadReply>;

/** A reaction change's result (REST replies and socket acks). */
export const MessageReactionsReply = z
  .object({
    messageId: Id,
    topicId: Id,
    reactions: z.array(Reaction),
    /** The emoji the caller reacted with on this message (all of them, also beyond the shown reactors). */
    mine: z.array(z.string()),
    changeSeq: ChangeSeq,
  })
  .openapi('MessageReactionsReply');
export type MessageReactionsReply = z.infer<typeof MessageReactionsReply>;

export const PartyNotificationSetting = z
  .object({ partyId: Id, level: NotificationLevel })
  .openapi('PartyNotificationSetting');
export type PartyNotificationSetting = z.infer<typeof PartyNotificationSetting>;
/** 'inherit' in a PUT reply; GET lists only topics with their own level. */
export const TopicNotificationSetting = z
  .object({ partyId: Id, topicId: Id, level: TopicNotificationLevel })
  .openapi('TopicNotificationSetting');
export type TopicNotificationSetting = z.infer<typeof TopicNotificationSetting>;
/** My settings that differ from the defaults: parties not listed are 'all', topics not listed inherit. */
export const NotificationSettingsReply = z
  .object({ parties: z.array(PartyNotificationSetting), topics: z.array(TopicNotificationSetting) })
  .openapi('NotificationSettingsReply');
export type NotificationSettingsReply = z.infer<typeof NotificationSettingsReply>;

// ---------- params ----------

export const PartyParams = z.object({ partyId: Id }).strict();
export const MemberParams = z.object({ partyId: Id, userId: Id }).strict();
export const BanParams = MemberParams;
export const InviteParams = z.object({ partyId: Id, inviteId: Id }).strict();
export const InviteCodeParams = z.object({ code: storableString().min(1).max(INVITE_CODE_MAX) }).strict();
export const PartyTopicParams = z.object({ partyId: Id, topicId: Id }).strict();
export const TopicParams = z.object({ topicId: Id }).strict();
export const MessageParams = z.object({ messageId: Id }).strict();
/**
 * A reaction emoji as sent (in the URL, percent-encoded): bounded here, checked as one emoji by the server
 * (normalizeReactionEmoji; REACTION.INVALID_EMOJI otherwise).
 */
export const ReactionEmojiInput = storableString()
  .min(1)
  .max(4 * REACTION_EMOJI_MAX)
  .openapi({ example: '👍' });
export const ReactionParams = z.object({ messageId: Id, emoji: ReactionEmojiInput }).strict();

// ---------- bodies and queries ----------

export const CreatePartyBody = z.object({ name: PartyName }).strict().openapi('CreatePartyBody');
export type CreatePartyBody = z.infer<typeof CreatePartyBody>;
export const UpdatePartyBody = z.object({ name: PartyName }).strict().openapi('UpdatePartyBody');
export type UpdatePartyBody = z.infer<typeof UpdatePartyBody>;

export const UpdateMemberBody = z.object({ role: Role }).strict().openapi('UpdateMemberBody');
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const CreateBanBody = z
  .object({ userId: Id, reason: storableString().trim().max(BAN_REASON_MAX).optional() })
  .strict()
  .openapi('CreateBanBody');
export type CreateBanBody = z.infer<typeof CreateBanBody>;

export const CreateInviteBody = z
  .object({
    expiresInSeconds: z.number().int().min(INVITE_TTL_MIN_SECONDS).max(INVITE_TTL_MAX_SECONDS).optional(),
    maxUses: z.number().int().min(1).max(INVITE_MAX_USES_MAX).optional(),
  })
  .strict()
  .openapi('CreateInviteBody');
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

export const CreateTopicBody = z.object({ name: TopicName }).strict().openapi('CreateTopicBody');
export type CreateTopicBody = z.infer<typeof CreateTopicBody>;
export const UpdateTopicBody = z.object({ name: TopicName }).strict().openapi('UpdateTopicBody');
export type UpdateTopicBody = z.infer<typeof UpdateTopicBody>;

/** At most one of before/after/around; none means the newest page. */
export const HistoryQuery = z
  .object({
    before: QuerySeq.optional(),
    after: QuerySeq.optional(),
    around: QuerySeq.optional(),
    limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
  })
  .strict()
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, {
    message: 'Use at most one of before, after, around',
  });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/**
 * `replyToId`: the message this one answers, in the same topic and not deleted (else 404
 * MESSAGE.REPLY_NOT_FOUND). Mentions are read from the body (./mentions.ts); `@everyone` / `@here` from a
 * member answers 403 MESSAGE.MENTION_FORBIDDEN and stores nothing. A retry (same nonce) returns the
 * original unchanged, whatever the retry carries.
 */
/** A send's text may be empty only when it carries files. */
export const SendBody = MessageBody.or(z.literal(''));
export const hasSendContent = (send: { body: string; attachmentIds?: string[] | undefined }): boolean =>
  send.body !== '' || (send.attachmentIds?.length ?? 0) > 0;

/** `attachmentIds`: my own ready uploads of this topic that are in no message yet (409 ATTACHMENT.UNUSABLE). */
export const SendMessageBody = z
  .object({ body: SendBody, nonce: Nonce, replyToId: Id.optional(), attachmentIds: AttachmentIds.optional() })
  .strict()
  .refine(hasSendContent, { message: 'Message must not be empty', path: ['body'] })
  .openapi('SendMessageBody');
export type SendMessageBody = z.infer<typeof SendMessageBody>;
/**
 * Mentions are read again from the new body. An edit may keep an `@everyone` / `@here` the message already
 * had; adding one needs admin+ (403 MESSAGE.MENTION_FORBIDDEN). An `@here` kept keeps its original targets.
 */
export const EditMessageBody = z.object({ body: MessageBody }).strict().openapi('EditMessageBody');
export type EditMessageBody = z.infer<typeof EditMessageBody>;

export const SearchQuery = z
  .object({
    q: storableString().trim().min(1).max(SEARCH_QUERY_MAX),
    /** Only messages by this author / in this topic of the party (the filters of the search panel). */
    authorId: Id.optional(),
    topicId: Id.optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(SEARCH_PAGE_DEFAULT),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export const MarkReadBody = z.object({ seq: Seq }).strict().openapi('MarkReadBody');
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const SetPartyNotificationBody = z
  .object({ level: NotificationLevel })
  .strict()
  .openapi('SetPartyNotificationBody');
export type SetPartyNotificationBody = z.infer<typeof SetPartyNotificationBody>;
export const SetTopicNotificationBody = z
  .object({ level: TopicNotificationLevel })
  .strict()
  .openapi('SetTopicNotificationBody');
export type SetTopicNotificationBody = z.infer<typeof SetTopicNotificationBody>;
