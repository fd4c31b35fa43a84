// messages-service REST contracts: parties, members, bans, invites, topics, messages, read state.
// Client input is `.strict()`; replies are the shapes the presenters build (allow-listed fields only).
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
  SEARCH_PAGE_DEFAULT,
  SEARCH_PAGE_MAX,
  SEARCH_QUERY_MAX,
  TOPIC_NAME_MAX,
} from '../limits.js';
import { hasVisibleText, nameString, storableString } from '../text.js';

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
  })
  .openapi('Message');
export type Message = z.infer<typeof Message>;

export const MessageDeleted = z
  .object({ id: Id, topicId: Id, partyId: Id, seq: Seq })
  .openapi('MessageDeleted');
export type MessageDeleted = z.infer<typeof MessageDeleted>;

export const MessageEdit = z.object({ body: z.string(), editedAt: Timestamp }).openapi('MessageEdit');
export type MessageEdit = z.infer<typeof MessageEdit>;
export const MessageEditList = z.array(MessageEdit);

export const HistoryReply = z
  .object({ messages: z.array(Message), hasOlder: z.boolean(), hasNewer: z.boolean() })
  .openapi('HistoryReply');
export type HistoryReply = z.infer<typeof HistoryReply>;

export const SearchReply = z.object({ messages: z.array(Message) }).openapi('SearchReply');
export type SearchReply = z.infer<typeof SearchReply>;

export const UnreadTopic = z.object({
  partyId: Id,
  topicId: Id,
  lastSeq: Seq,
  lastReadSeq: Seq,
  unread: z.number().int().min(0),
});
export type UnreadTopic = z.infer<typeof UnreadTopic>;
export const UnreadReply = z.object({ topics: z.array(UnreadTopic) }).openapi('UnreadReply');
export type UnreadReply = z.infer<typeof UnreadReply>;

// ---------- params ----------

export const PartyParams = z.object({ partyId: Id }).strict();
export const MemberParams = z.object({ partyId: Id, userId: Id }).strict();
export const BanParams = MemberParams;
export const InviteParams = z.object({ partyId: Id, inviteId: Id }).strict();
export const InviteCodeParams = z.object({ code: storableString().min(1).max(INVITE_CODE_MAX) }).strict();
export const PartyTopicParams = z.object({ partyId: Id, topicId: Id }).strict();
export const TopicParams = z.object({ topicId: Id }).strict();
export const MessageParams = z.object({ messageId: Id }).strict();

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

export const SendMessageBody = z
  .object({ body: MessageBody, nonce: Nonce })
  .strict()
  .openapi('SendMessageBody');
export type SendMessageBody = z.infer<typeof SendMessageBody>;
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
