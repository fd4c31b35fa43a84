import {
  AppError,
  type HistoryQuery,
  type HistoryReply,
  type Message,
  type MessageEdit,
  type SearchQuery,
  type SearchReply,
  type SendMessageBody,
} from '@partyline/contracts';

import { withTransaction } from '../db/transaction.js';
import { ROLE_RANK, type Actor, type MessageRecord } from '../domain/types.js';
import { presentMessage, presentMessageEdit } from '../presenters/index.js';
import { findRole } from '../repositories/members.repo.js';
import {
  editMessage,
  findByNonce,
  findMessage,
  DuplicateNonceError,
  insertNextMessage,
  listAfter,
  listBefore,
  listEdits,
  lockMessage,
  searchParty,
  softDeleteMessage,
} from '../repositories/messages.repo.js';
import { findTopicForMember, findTopicsForMember } from '../repositories/topics.repo.js';
import { notifyAll, requireMember, type ServiceDeps } from './context.js';
import { topicNotFound } from './topics.service.js';

/** More missed messages than this in one topic and sync answers with a gap marker instead. */
export const SYNC_MAX_MESSAGES = 500;

export interface SyncCursor {
  topicId: string;
  lastSeq: number;
}
export type SyncTopic =
  { topicId: string; messages: Message[] } | { topicId: string; gap: true; latestSeq: number };

const messageNotFound = () => AppError.notFound('MESSAGE.NOT_FOUND', 'No such message');

export function createMessagesService(deps: ServiceDeps) {
  const { pool } = deps;

  /** The message if the actor is a member of its party (else 404, like a message that does not exist). */
  async function requireVisibleMessage(actor: Actor, messageId: string) {
    const message = await findMessage(pool, messageId);
    if (!message) throw messageNotFound();
    const role = await findRole(pool, message.partyId, actor.id);
    if (role === null) throw messageNotFound();
    return { message, role };
  }

  async function original(
    actor: Actor,
    input: SendMessageBody & { topicId: string },
  ): Promise<MessageRecord | null> {
    const existing = await findByNonce(pool, actor.id, input.nonce);
    if (existing && existing.topicId !== input.topicId) {
      throw AppError.conflict('MESSAGE.NONCE_CONFLICT', 'This nonce was already used for another topic');
    }
    return existing;
  }

  return {
    /**
     * Stores a message: one statement takes the topic's next seq (membership checked by it) and inserts.
     * Idempotent on (author, nonce): a retry returns the original with created false.
     */
    async send(
      actor: Actor,
      input: SendMessageBody & { topicId: string },
    ): Promise<{ message: Message; created: boolean }> {
      await deps.limits.send(actor.id);
      let record: MessageRecord | null;
      try {
        record = await insertNextMessage(pool, {
          topicId: input.topicId,
          authorId: actor.id,
          nonce: input.nonce,
          body: input.body,
        });
      } catch (error) {
        if (!(error instanceof DuplicateNonceError)) throw error;
        const existing = await original(actor, input);
        if (!existing) throw error;
        return { message: presentMessage(existing), created: false };
      }
      if (!record) throw topicNotFound();
      const message = presentMessage(record);
      notifyAll(deps, [(n) => n.messageCreated(message)]);
      return { message, created: true };
    },

    /** A page by keyset on (topic_id, seq), ascending; at most one of before/after/around. */
    async history(actor: Actor, topicId: string, query: HistoryQuery): Promise<HistoryReply> {
      const topic = await findTopicForMember(pool, topicId, actor.id);
      if (!topic) throw topicNotFound();
      const { limit } = query;
      let page: MessageRecord[];
      if (query.after !== undefined) {
        page = await listAfter(pool, topicId, query.after, limit);
      } else if (query.around !== undefined) {
        const older = Math.floor(limit / 2);
        const [before, from] = await Promise.all([
          listBefore(pool, topicId, query.around, older),
          listAfter(pool, topicId, query.around - 1, limit - older),
        ]);
        page = [...before.reverse(), ...from];
      } else {
        page = (await listBefore(pool, topicId, query.before ?? Number.MAX_SAFE_INTEGER, limit)).reverse();
      }
      // Seqs are gap-free from 1 to lastSeq, so the edges of the page tell whether more exists.
      const first = page[0]?.seq;
      const last = page.at(-1)?.seq;
      let hasOlder: boolean;
      let hasNewer: boolean;
      if (first !== undefined && last !== undefined) {
        hasOlder = first > 1;
        hasNewer = last < topic.lastSeq;
      } else if (query.after !== undefined) {
        hasOlder = topic.lastSeq > 0;
        hasNewer = false;
      } else {
        hasOlder = false;
        hasNewer = query.before !== undefined && topic.lastSeq >= query.before;
      }
      return { messages: page.map(presentMessage), hasOlder, hasNewer };
    },

    /** The author edits; the earlier body is kept in the message's edit history. */
    async edit(actor: Actor, input: { messageId: string; body: string }): Promise<Message> {
      await requireVisibleMessage(actor, input.messageId);
      await withTransaction(pool, async (client) => {
        const locked = await lockMessage(client, input.messageId);
        if (!locked || locked.deleted) throw messageNotFound();
        if (locked.authorId !== actor.id) {
          throw AppError.forbidden('MESSAGE.FORBIDDEN', 'Only the author can edit a message');
        }
        if (locked.body !== input.body) await editMessage(client, input.messageId, locked.body, input.body);
      });
      const message = await findMessage(pool, input.messageId);
      if (!message) throw messageNotFound();
      const presented = presentMessage(message);
      notifyAll(deps, [(n) => n.messageUpdated(presented)]);
      return presented;
    },

    /** The author or an admin+ of the party deletes (soft: text cleared, seq kept). Idempotent. */
    async remove(actor: Actor, input: { messageId: string }): Promise<void> {
      const { role } = await requireVisibleMessage(actor, input.messageId);
      const deleted = await withTransaction(pool, async (client) => {
        const locked = await lockMessage(client, input.messageId);
        if (!locked) throw messageNotFound();
        if (locked.authorId !== actor.id && ROLE_RANK[role] < ROLE_RANK.admin) {
          throw AppError.forbidden('MESSAGE.FORBIDDEN', 'Only the author or an admin can delete a message');
        }
        if (locked.deleted) return null;
        await softDeleteMessage(client, input.messageId);
        return true;
      });
      if (!deleted) return;
      const message = await findMessage(pool, input.messageId);
      if (message) {
        const { id, topicId, partyId, seq } = message;
        notifyAll(deps, [(n) => n.messageDeleted({ id, topicId, partyId, seq })]);
      }
    },

    async edits(actor: Actor, messageId: string): Promise<MessageEdit[]> {
      await requireVisibleMessage(actor, messageId);
      return (await listEdits(pool, messageId)).map(presentMessageEdit);
    },

    /** Full-text search within a party the actor belongs to (404 PARTY.NOT_FOUND otherwise). */
    async search(actor: Actor, partyId: string, query: SearchQuery): Promise<SearchReply> {
      await requireMember(pool, partyId, actor.id);
      return { messages: (await searchParty(pool, partyId, query.q, query.limit)).map(presentMessage) };
    },

    /**
     * What the client missed after each cursor, in seq order; a gap marker when more than
     * SYNC_MAX_MESSAGES were missed. Topics the actor cannot see are left out.
     */
    async sync(actor: Actor, cursors: SyncCursor[]): Promise<SyncTopic[]> {
      if (cursors.length === 0) return [];
      const topics = await findTopicsForMember(pool, [...new Set(cursors.map((c) => c.topicId))], actor.id);
      const byId = new Map(topics.map((t) => [t.id, t]));
      const result: SyncTopic[] = [];
      for (const cursor of cursors) {
        const topic = byId.get(cursor.topicId);
        if (!topic) continue;
        if (topic.lastSeq - cursor.lastSeq > SYNC_MAX_MESSAGES) {
          result.push({ topicId: topic.id, gap: true, latestSeq: topic.lastSeq });
          continue;
        }
        const messages =
          topic.lastSeq > cursor.lastSeq
            ? await listAfter(pool, topic.id, cursor.lastSeq, SYNC_MAX_MESSAGES)
            : [];
        result.push({ topicId: topic.id, messages: messages.map(presentMessage) });
      }
      return result;
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
