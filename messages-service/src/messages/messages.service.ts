// Messages: send (idempotent on author + nonce), history by keyset, edit, delete and search (sync lives in
// sync.service.ts). Every call checks membership itself, so a removed member is refused on their very next
// request or event.
import { AppError, type HistoryQuery, type SearchQuery, type SendMessageBody } from '@partyline/contracts';

import type { AttachmentsRepository } from '../attachments/attachments.repository.js';
import type { MembersRepository } from '../members/members.repository.js';
import { requireMember } from '../members/membership.js';
import type { Actor } from '../shared/actor.js';
import { topicNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import { nobodyOnline, type OnlineUsers } from '../shared/online-users.js';
import type { RateLimit } from '../shared/rate-limit.js';
import { isAtLeast } from '../shared/roles.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import { mentionsAnything, resolveMentions } from './mentions.js';
import type {
  HistoryBounds,
  MessageEditRecord,
  MessageRecord,
  MessagesRepository,
  StoredMentions,
} from './messages.repository.js';
import { createSendBatcher, type WrittenBatch } from './send-batcher.js';

export interface HistoryPage {
  messages: MessageRecord[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** The topic's change counter, read before the page. */
  lastChange: number;
}

const messageNotFound = () => AppError.notFound('MESSAGE.NOT_FOUND', 'No such message');
const replyNotFound = () =>
  AppError.notFound('MESSAGE.REPLY_NOT_FOUND', 'The message to reply to is not in this topic');

type MembersReads = Pick<MembersRepository, 'findRole' | 'filterMembers' | 'listUserIds'>;

interface MessagesServiceDeps {
  messages: MessagesRepository;
  members: MembersReads;
  topics: Pick<TopicsRepository, 'findForMember'>;
  tx: Transaction<{
    messages: MessagesRepository;
    members: MembersReads;
    topics: Pick<TopicsRepository, 'nextChange'>;
    attachments: Pick<AttachmentsRepository, 'removeForMessage'>;
  }>;
  attachments: Pick<AttachmentsRepository, 'countUsable'>;
  /** Per user, shared by REST and socket sends (and across instances). */
  sendLimit: RateLimit;
  notify: Notify;
  /** Who is online, for `@here` (nobody without a gateway). */
  presence?: OnlineUsers;
  /** Told of each send batch written (tests count them); see send-batcher.ts. */
  onSendBatch?: (batch: { topicId: string; size: number }) => void;
  /** Told of each send batch stored and emitted, with its timings (metrics). */
  onSendBatchWritten?: (batch: WrittenBatch) => void;
  /** How long sends wait behind a batch that has not come back (SEND_QUEUE_WAIT_MS unless given: tests). */
  sendQueueWaitMs?: number;
}

export function createMessagesService(deps: MessagesServiceDeps) {
  const { messages, members, topics, tx, notify } = deps;
  const presence = deps.presence ?? nobodyOnline;
  // Group commit: a topic's concurrent sends on this instance are written by one statement per batch and
  // emitted in seq order after it commits.
  const batcher = createSendBatcher({
    write: (topicId, sends) => messages.insertBatch(topicId, sends),
    emit: (message) => notify([(n) => n.messageCreated(message)]),
    ...(deps.onSendBatch ? { onBatch: deps.onSendBatch } : {}),
    ...(deps.onSendBatchWritten ? { onWritten: deps.onSendBatchWritten } : {}),
    ...(deps.sendQueueWaitMs === undefined ? {} : { maxQueueWaitMs: deps.sendQueueWaitMs }),
  });

  /**
   * What a send with a reply or mentions stores beside its body: the reply target checked (same topic, not
   * deleted) and the mentions resolved. Membership is checked first, so a non-member learns nothing.
   */
  async function prepareSend(
    actor: Actor,
    input: SendMessageBody & { topicId: string },
  ): Promise<{ replyToId?: string; mentions?: StoredMentions; attachmentIds?: string[] }> {
    const topic = await topics.findForMember(input.topicId, actor.id);
    if (!topic) throw topicNotFound();
    const role = await members.findRole(topic.partyId, actor.id);
    if (role === null) throw topicNotFound();
    // Files: my own ready uploads of this topic, in no message yet (linked by the batch statement itself).
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if (attachmentIds.length > 0) {
      const usable = await deps.attachments.countUsable({
        topicId: topic.id,
        uploaderId: actor.id,
        ids: attachmentIds,
      });
      if (usable !== attachmentIds.length) {
        throw AppError.conflict(
          'ATTACHMENT.UNUSABLE',
          'Only my own finished uploads to this topic that are in no message yet can be attached',
        );
      }
    }
    if (input.replyToId !== undefined) {
      const target = await messages.findReplyTarget(input.replyToId);
      if (!target || target.topicId !== topic.id || target.deleted) throw replyNotFound();
    }
    const mentions = mentionsAnything(input.body)
      ? await resolveMentions(
          { members, presence },
          { partyId: topic.partyId, authorId: actor.id, role, body: input.body },
        )
      : undefined;
    return {
      ...(input.replyToId === undefined ? {} : { replyToId: input.replyToId }),
      ...(mentions === undefined ? {} : { mentions }),
      ...(attachmentIds.length === 0 ? {} : { attachmentIds }),
    };
  }

  /** The message if the actor is a member of its party (else 404, like a message that does not exist). */
  async function requireVisibleMessage(actor: Actor, messageId: string) {
    const message = await messages.find(messageId);
    if (!message) throw messageNotFound();
    const role = await members.findRole(message.partyId, actor.id);
    if (role === null) throw messageNotFound();
    return { message, role };
  }

  /** The message a retried send refers to; a nonce reused for another topic is a conflict. */
  async function original(actor: Actor, input: SendMessageBody & { topicId: string }) {
    const existing = await messages.findByNonce(actor.id, input.nonce);
    if (existing && existing.topicId !== input.topicId) {
      throw AppError.conflict('MESSAGE.NONCE_CONFLICT', 'This nonce was already used for another topic');
    }
    return existing;
  }

  return {
    /**
     * Stores a message: it joins its topic's next batch (send-batcher.ts), whose one statement takes the
     * batch's seqs in order (membership checked by it per send) and inserts; the batch is broadcast in seq
     * order before the callers ack. Idempotent on (author, nonce): a retry returns the original with created
     * false and broadcasts it again, since the instance that stored it may have died before it could
     * (receivers drop what they already have).
     */
    async send(
      actor: Actor,
      input: SendMessageBody & { topicId: string },
    ): Promise<{ message: MessageRecord; created: boolean }> {
      await deps.sendLimit(actor.id);
      const retried = async () => {
        const existing = await original(actor, input);
        if (existing) notify([(n) => n.messageCreated(existing)]);
        return existing;
      };
      let extras: Awaited<ReturnType<typeof prepareSend>> = {};
      // Plain messages (the hot path) skip this: the batch statement checks membership by itself.
      if (input.replyToId !== undefined || mentionsAnything(input.body) || input.attachmentIds?.length) {
        try {
          extras = await prepareSend(actor, input);
        } catch (error) {
          // A retry returns the original unchanged, even if it would be refused now (a role lost since).
          const existing = error instanceof AppError ? await retried() : null;
          if (existing) return { message: existing, created: false };
          throw error;
        }
      }
      const created = await batcher.submit(input.topicId, {
        authorId: actor.id,
        nonce: input.nonce,
        body: input.body,
        ...extras,
      });
      if (created) return { message: created, created: true };
      // Stored nothing: a retry of a stored nonce, or no such topic / not a member.
      const existing = await retried();
      if (existing) return { message: existing, created: false };
      throw topicNotFound();
    },

    /** A page by keyset on (topic_id, seq), ascending; at most one of before/after/around. */
    async history(actor: Actor, topicId: string, query: HistoryQuery): Promise<HistoryPage> {
      // One statement: the membership check, the page and the topic's counters it is handed out with, all
      // in one snapshot (so the change counter is never older than the page). A non-member gets nothing.
      const { limit } = query;
      const older = Math.floor(limit / 2);
      const bounds: HistoryBounds =
        query.after !== undefined
          ? { below: 0, before: 0, above: query.after, after: limit }
          : query.around !== undefined
            ? { below: query.around, before: older, above: query.around - 1, after: limit - older }
            : { below: query.before ?? Number.MAX_SAFE_INTEGER, before: limit, above: 0, after: 0 };
      const found = await messages.historyPage(topicId, actor.id, bounds);
      if (!found) throw topicNotFound();
      const { messages: page, lastSeq, lastChange } = found;
      // Seqs are gap-free from 1 to lastSeq, so the edges of the page tell whether more exists.
      const first = page[0]?.seq;
      const last = page.at(-1)?.seq;
      let hasOlder: boolean;
      let hasNewer: boolean;
      if (first !== undefined && last !== undefined) {
        hasOlder = first > 1;
        hasNewer = last < lastSeq;
      } else if (query.after !== undefined) {
        hasOlder = lastSeq > 0;
        hasNewer = false;
      } else {
        hasOlder = false;
        hasNewer = query.before !== undefined && lastSeq >= query.before;
      }
      return { messages: page, hasOlder, hasNewer, lastChange };
    },

    /**
     * The author edits; the earlier body is kept in the message's edit history, the mentions are read again
     * (mentions.ts) and the topic's change counter moves, all in one transaction.
     */
    async edit(actor: Actor, input: { messageId: string; body: string }): Promise<MessageRecord> {
      const { role } = await requireVisibleMessage(actor, input.messageId);
      await tx(async (repos) => {
        const locked = await repos.messages.lock(input.messageId);
        if (!locked || locked.deleted) throw messageNotFound();
        if (locked.authorId !== actor.id) {
          throw AppError.forbidden('MESSAGE.FORBIDDEN', 'Only the author can edit a message');
        }
        if (locked.body === input.body) return;
        const mentions = await resolveMentions(
          { members: repos.members, presence },
          {
            partyId: locked.partyId,
            authorId: actor.id,
            role,
            body: input.body,
            previous: locked.mentions,
          },
        );
        const changeSeq = await repos.topics.nextChange(locked.topicId);
        await repos.messages.edit(input.messageId, {
          previousBody: locked.body,
          body: input.body,
          mentions,
          changeSeq,
        });
      });
      const message = await messages.find(input.messageId);
      if (!message) throw messageNotFound();
      notify([(n) => n.messageUpdated(message)]);
      return message;
    },

    /** The author or an admin+ of the party deletes (soft: text cleared, seq kept). Idempotent. */
    async remove(actor: Actor, input: { messageId: string }): Promise<void> {
      const { role } = await requireVisibleMessage(actor, input.messageId);
      const deleted = await tx(async (repos) => {
        const locked = await repos.messages.lock(input.messageId);
        if (!locked) throw messageNotFound();
        if (locked.authorId !== actor.id && !isAtLeast(role, 'admin')) {
          throw AppError.forbidden('MESSAGE.FORBIDDEN', 'Only the author or an admin can delete a message');
        }
        if (locked.deleted) return false;
        await repos.messages.softDelete(input.messageId, await repos.topics.nextChange(locked.topicId));
        // Its files go too: the rows now, the objects by the purger (queued in this transaction).
        await repos.attachments.removeForMessage(input.messageId);
        return true;
      });
      if (!deleted) return;
      const message = await messages.find(input.messageId);
      if (message) {
        const { id, topicId, partyId, seq, changeSeq } = message;
        notify([(n) => n.messageDeleted({ id, topicId, partyId, seq, changeSeq })]);
      }
    },

    async edits(actor: Actor, messageId: string): Promise<MessageEditRecord[]> {
      await requireVisibleMessage(actor, messageId);
      return messages.listEdits(messageId);
    },

    /** Full-text search within a party the actor belongs to (404 PARTY.NOT_FOUND otherwise). */
    async search(actor: Actor, partyId: string, query: SearchQuery): Promise<MessageRecord[]> {
      await requireMember(members, partyId, actor.id);
      return messages.searchParty(partyId, query.q, query.limit, {
        authorId: query.authorId,
        topicId: query.topicId,
      });
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
