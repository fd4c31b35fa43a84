// messages-service direct-message contracts (issue 15.3). A conversation is a party of kind 'direct' with
// one topic: its messages, sync, reactions, read state and unread counts use the topic contracts as they
// are; these are only the conversation's own shapes (create, list, people I may write to).
import { Id, Timestamp, z } from '../common.js';

/** Participants of one conversation, me included: a 1:1 has 2, a group at most this many. */
export const DIRECT_PARTICIPANTS_MAX = 10;

export const DirectParticipant = z
  .object({
    userId: Id,
    /** null for a deleted user. */
    username: z.string().nullable(),
    /** "Deleted user" for a deleted user; blank while their profile copy has not arrived. */
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .openapi('DirectParticipant');
export type DirectParticipant = z.infer<typeof DirectParticipant>;

export const DirectConversation = z
  .object({
    /** The conversation's id: also the partyId its messages, members and unread entries carry. */
    id: Id,
    /** Its one topic: where messages are sent, read, synced and marked read. */
    topicId: Id,
    /** false for a one-to-one conversation (unique per pair of people), true for a group. */
    group: z.boolean(),
    /** Everyone in it, me included, in the order they joined. */
    participants: z.array(DirectParticipant),
    /** The newest message's time, else the creation time (the list's order, newest first). */
    lastActivityAt: Timestamp,
    createdAt: Timestamp,
  })
  .openapi('DirectConversation');
export type DirectConversation = z.infer<typeof DirectConversation>;

/** Someone I may start a conversation with: a fellow member of one of my parties or conversations. */
export const DirectContact = DirectParticipant.omit({}).openapi('DirectContact');
export type DirectContact = z.infer<typeof DirectContact>;

/**
 * The others to talk to (1..9, me excluded; duplicates count once). One other: the 1:1 with them, created
 * on first use and returned as it is afterwards. More: the group of exactly these people and me as they
 * are now, found again the same way, or made when there is none.
 */
export const CreateDirectBody = z
  .object({
    userIds: z
      .array(Id)
      .min(1)
      .max(DIRECT_PARTICIPANTS_MAX - 1),
  })
  .strict()
  .openapi('CreateDirectBody');
export type CreateDirectBody = z.infer<typeof CreateDirectBody>;

/** Adds people to a group conversation (never to a 1:1), up to DIRECT_PARTICIPANTS_MAX in all. */
export const AddDirectParticipantsBody = z
  .object({
    userIds: z
      .array(Id)
      .min(1)
      .max(DIRECT_PARTICIPANTS_MAX - 1),
  })
  .strict()
  .openapi('AddDirectParticipantsBody');
export type AddDirectParticipantsBody = z.infer<typeof AddDirectParticipantsBody>;

export const DirectParams = z.object({ conversationId: Id }).strict();
