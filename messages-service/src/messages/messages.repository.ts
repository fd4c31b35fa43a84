import { isUniqueViolation } from '../db/pg-errors.js';
import type { Queryable } from '../db/pool.js';
import { mapUser, USER_COLUMNS, type UserColumns, type UserRecord } from '../users/users.repository.js';
import { DuplicateNonceError } from './messages.errors.js';

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

interface MessageRow extends UserColumns {
  id: string;
  topic_id: string;
  party_id: string;
  seq: number;
  nonce: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

const MESSAGE_COLUMNS =
  'm.id, m.topic_id, m.party_id, m.seq, m.nonce, m.body, m.created_at, m.edited_at, m.deleted_at';
const MESSAGE_SELECT = `SELECT ${MESSAGE_COLUMNS}, ${USER_COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

function mapMessage(row: MessageRow): MessageRecord {
  const author = mapUser(row);
  return {
    id: row.id,
    topicId: row.topic_id,
    partyId: row.party_id,
    seq: row.seq,
    nonce: row.nonce,
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    // A deleted account is shown as no author.
    author: author === null || author.deleted ? null : author,
  };
}

export function createMessagesRepository(db: Queryable) {
  return {
    /**
     * Stores a message in ONE statement, committed on its own: takes the topic's next seq (only if the author
     * is a member of its party), inserts the message and moves the author's read position to it. The topic row
     * lock serialises senders of a topic until commit, so seqs are gap-free; a duplicate (author, nonce) fails
     * the whole statement (seq bump included) with DuplicateNonceError. Null when the topic does not exist or
     * the author is not a member.
     */
    async insertNext(message: {
      topicId: string;
      authorId: string;
      nonce: string;
      body: string;
    }): Promise<MessageRecord | null> {
      try {
        const { rows } = await db.query<MessageRow>(
          `WITH next AS (
         UPDATE topics t SET last_seq = t.last_seq + 1
           FROM members mb
          WHERE t.id = $1 AND mb.party_id = t.party_id AND mb.user_id = $2
          RETURNING t.id, t.party_id, t.last_seq
       ), m AS (
         INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body)
         SELECT next.id, next.party_id, next.last_seq, $2, $3, $4 FROM next
         RETURNING *
       ), read AS (
         INSERT INTO read_states (user_id, topic_id, last_read_seq)
         SELECT author_id, topic_id, seq FROM m
         ON CONFLICT (user_id, topic_id) DO UPDATE
           SET last_read_seq = GREATEST(read_states.last_read_seq, excluded.last_read_seq), updated_at = now()
       )
       SELECT ${MESSAGE_COLUMNS}, ${USER_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
          [message.topicId, message.authorId, message.nonce, message.body],
        );
        return rows[0] ? mapMessage(rows[0]) : null;
      } catch (error) {
        if (isUniqueViolation(error, 'messages_author_id_nonce_key')) throw new DuplicateNonceError();
        throw error;
      }
    },

    async findByNonce(authorId: string, nonce: string): Promise<MessageRecord | null> {
      const { rows } = await db.query<MessageRow>(
        `${MESSAGE_SELECT} WHERE m.author_id = $1 AND m.nonce = $2`,
        [authorId, nonce],
      );
      return rows[0] ? mapMessage(rows[0]) : null;
    },

    async find(messageId: string): Promise<(MessageRecord & { authorId: string | null }) | null> {
      const { rows } = await db.query<MessageRow & { author_id: string | null }>(
        `SELECT ${MESSAGE_COLUMNS}, m.author_id, ${USER_COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.author_id
      WHERE m.id = $1`,
        [messageId],
      );
      return rows[0] ? { ...mapMessage(rows[0]), authorId: rows[0].author_id } : null;
    },

    /** Locks the message row until the transaction ends; returns its author and state. */
    async lock(
      messageId: string,
    ): Promise<{ authorId: string | null; partyId: string; body: string; deleted: boolean } | null> {
      const { rows } = await db.query<{
        author_id: string | null;
        party_id: string;
        body: string;
        deleted: boolean;
      }>(
        'SELECT author_id, party_id, body, deleted_at IS NOT NULL AS deleted FROM messages WHERE id = $1 FOR UPDATE',
        [messageId],
      );
      const row = rows[0];
      return row
        ? { authorId: row.author_id, partyId: row.party_id, body: row.body, deleted: row.deleted }
        : null;
    },

    /** Keeps the current body as an earlier version, then replaces it. */
    async edit(messageId: string, previousBody: string, body: string): Promise<void> {
      await db.query('INSERT INTO message_edits (message_id, body) VALUES ($1, $2)', [
        messageId,
        previousBody,
      ]);
      await db.query('UPDATE messages SET body = $2, edited_at = now() WHERE id = $1', [messageId, body]);
    },

    /** Soft delete: the text and its earlier versions go, the row (and its seq) stays. */
    async softDelete(messageId: string): Promise<void> {
      await db.query('DELETE FROM message_edits WHERE message_id = $1', [messageId]);
      await db.query("UPDATE messages SET body = '', deleted_at = now() WHERE id = $1", [messageId]);
    },

    async listEdits(messageId: string): Promise<MessageEditRecord[]> {
      const { rows } = await db.query<{ body: string; edited_at: Date }>(
        'SELECT body, edited_at FROM message_edits WHERE message_id = $1 ORDER BY id',
        [messageId],
      );
      return rows.map((row) => ({ body: row.body, editedAt: row.edited_at }));
    },

    /** Up to `limit` messages with seq < before, newest first. Keyset on (topic_id, seq). */
    async listBefore(topicId: string, before: number, limit: number): Promise<MessageRecord[]> {
      const { rows } = await db.query<MessageRow>(
        `${MESSAGE_SELECT} WHERE m.topic_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3`,
        [topicId, before, limit],
      );
      return rows.map(mapMessage);
    },

    /** Up to `limit` messages with seq > after, oldest first. Keyset on (topic_id, seq). */
    async listAfter(topicId: string, after: number, limit: number): Promise<MessageRecord[]> {
      const { rows } = await db.query<MessageRow>(
        `${MESSAGE_SELECT} WHERE m.topic_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
        [topicId, after, limit],
      );
      return rows.map(mapMessage);
    },

    /** Full-text search over the party's live messages, newest first; optionally one author's / topic's. */
    async searchParty(
      partyId: string,
      query: string,
      limit: number,
      filters: { authorId?: string | undefined; topicId?: string | undefined } = {},
    ): Promise<MessageRecord[]> {
      const { rows } = await db.query<MessageRow>(
        `${MESSAGE_SELECT}
      WHERE m.party_id = $1 AND m.deleted_at IS NULL AND m.search @@ websearch_to_tsquery('english', $2)
        AND ($4::uuid IS NULL OR m.author_id = $4) AND ($5::uuid IS NULL OR m.topic_id = $5)
      ORDER BY m.created_at DESC, m.id LIMIT $3`,
        [partyId, query, limit, filters.authorId ?? null, filters.topicId ?? null],
      );
      return rows.map(mapMessage);
    },

    /** Detaches a deleted account from its messages (they stay, shown without author). */
    async detachAuthor(authorId: string): Promise<void> {
      await db.query('UPDATE messages SET author_id = NULL WHERE author_id = $1', [authorId]);
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
