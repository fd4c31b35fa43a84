import { REACTION_USERS_SHOWN } from '@partyline/contracts';

import {
  MESSAGE_ATTACHMENTS_COLUMN,
  type MessageAttachmentRecord,
} from '../attachments/attachments.repository.js';
import { isUniqueViolation } from '../db/pg-errors.js';
import type { Queryable } from '../db/pool.js';
import { mapUser, USER_COLUMNS, type UserColumns, type UserRecord } from '../users/users.repository.js';
import { DuplicateNonceError } from './messages.errors.js';

export interface MentionsRecord {
  userIds: string[];
  everyone: boolean;
  here: boolean;
}

/** What a message stores of its mentions: the shown part, and who an @here reached. */
export interface StoredMentions extends MentionsRecord {
  hereUserIds: string[];
}

export const NO_MENTIONS: StoredMentions = { userIds: [], everyone: false, here: false, hereUserIds: [] };

/** The original of a reply, as it is now. */
export interface ReplyToRecord {
  id: string;
  seq: number;
  authorId: string | null;
  body: string;
  deleted: boolean;
}

export interface ReactionRecord {
  emoji: string;
  count: number;
  /** The first reactors, by time (REACTION_USERS_SHOWN). */
  userIds: string[];
}

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
  replyTo: ReplyToRecord | null;
  mentions: MentionsRecord;
  /** In order of each emoji's first reaction. */
  reactions: ReactionRecord[];
  changeSeq: number;
  /** In upload order. */
  attachments: MessageAttachmentRecord[];
}

export interface LockedMessage {
  authorId: string | null;
  partyId: string;
  topicId: string;
  body: string;
  deleted: boolean;
  mentions: StoredMentions;
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
  mention_user_ids: string[];
  mention_everyone: boolean;
  mention_here: boolean;
  change_seq: number;
  reply_id: string | null;
  reply_seq: number | null;
  reply_author_id: string | null;
  reply_body: string | null;
  reply_deleted: boolean | null;
  reactions: ReactionRecord[] | null;
  attachments: MessageAttachmentRecord[] | null;
}

const MESSAGE_COLUMNS =
  'm.id, m.topic_id, m.party_id, m.seq, m.nonce, m.body, m.created_at, m.edited_at, m.deleted_at, ' +
  'm.mention_user_ids, m.mention_everyone, m.mention_here, m.change_seq';
// The original of a reply (its current state) and the reactions, per emoji in order of first reaction
// with the first REACTION_USERS_SHOWN reactors: one index probe each per message (single messages and
// search; pages read them once per page, see pageSelect).
const REPLY_COLUMNS =
  'rm.id AS reply_id, rm.seq AS reply_seq, rm.author_id AS reply_author_id, rm.body AS reply_body, ' +
  '(rm.deleted_at IS NOT NULL) AS reply_deleted';
const REACTIONS_COLUMN = `(SELECT json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'userIds', g.user_ids)
      ORDER BY g.first, g.emoji)
    FROM (SELECT r.emoji, count(*)::int AS n, min(r.created_at) AS first,
                 (array_agg(r.user_id ORDER BY r.created_at, r.user_id))[1:${REACTION_USERS_SHOWN}] AS user_ids
            FROM reactions r WHERE r.message_id = m.id GROUP BY r.emoji) g) AS reactions`;
const MESSAGE_JOINS =
  'LEFT JOIN users u ON u.id = m.author_id LEFT JOIN messages rm ON rm.id = m.reply_to_id';
const MESSAGE_SELECT = `SELECT ${MESSAGE_COLUMNS}, ${REPLY_COLUMNS}, ${REACTIONS_COLUMN}, ${MESSAGE_ATTACHMENTS_COLUMN},
  ${USER_COLUMNS} FROM messages m ${MESSAGE_JOINS}`;

// A page of messages (history, sync) in one statement that reads each kind of related row once for the
// whole page instead of once per message: the page's rows by keyset first, then all of their reactions in
// one index scan (`= ANY` of the page's ids, an init plan run once, so never a scan of the whole table),
// grouped per message and emoji. The reply originals and authors are index joins, their attachments the
// attachments module's column. `where` and `order` are fixed SQL of this file (no input); each page kind is
// a named prepared statement, planned once per connection (planning cost more than running it).
const PAGE_COLUMNS = `${MESSAGE_COLUMNS}, m.author_id, m.reply_to_id`;
const PAGE_REACTIONS = `reacted AS (
  SELECT g.message_id,
         json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'userIds', g.user_ids)
           ORDER BY g.first, g.emoji) AS reactions
    FROM (SELECT r.message_id, r.emoji, count(*)::int AS n, min(r.created_at) AS first,
                 (array_agg(r.user_id ORDER BY r.created_at, r.user_id))[1:${REACTION_USERS_SHOWN}] AS user_ids
            FROM reactions r WHERE r.message_id = ANY(ARRAY(SELECT id FROM page))
           GROUP BY r.message_id, r.emoji) g
   GROUP BY g.message_id
)`;
const PAGE_OUTPUT = `${MESSAGE_COLUMNS}, ${REPLY_COLUMNS}, reacted.reactions, ${MESSAGE_ATTACHMENTS_COLUMN}, ${USER_COLUMNS}`;
const PAGE_JOINS = `${MESSAGE_JOINS} LEFT JOIN reacted ON reacted.message_id = m.id`;
const pageSelect = (where: string, order: string, limit: string) => `WITH page AS (
  SELECT ${PAGE_COLUMNS} FROM messages m WHERE ${where} ORDER BY ${order} LIMIT ${limit}
), ${PAGE_REACTIONS}
SELECT ${PAGE_OUTPUT} FROM page m ${PAGE_JOINS}
 ORDER BY ${order}`;

const LIST_AFTER = pageSelect('m.topic_id = $1 AND m.seq > $2', 'm.seq', '$3');
const LIST_CHANGED = pageSelect(
  'm.topic_id = $1 AND m.change_seq > $2 AND m.seq <= $3',
  'm.change_seq',
  '$4',
);

// A page of history with what the page is handed out with, in one statement (one round trip and one
// snapshot): `head` is the topic's newest seq and change counter, and exists only when $2 is a member of
// the topic's party, so a non-member gets no row and no page is read for them. The page is the $4 newest
// messages before seq $3 and the $6 oldest after seq $5, ascending; every kind of page is these two
// keyset scans on (topic_id, seq) with one of them or neither LIMIT 0. A member's empty page is one row
// of head with no message (m.id NULL).
const HISTORY_PAGE = `WITH head AS (
  SELECT t.last_seq, coalesce(c.last_change, 0) AS last_change
    FROM topics t
    JOIN members mb ON mb.party_id = t.party_id AND mb.user_id = $2
    LEFT JOIN topic_changes c ON c.topic_id = t.id
   WHERE t.id = $1
), page AS (
  (SELECT ${PAGE_COLUMNS} FROM messages m
    WHERE m.topic_id = $1 AND m.seq < $3 AND EXISTS (SELECT 1 FROM head) ORDER BY m.seq DESC LIMIT $4)
  UNION ALL
  (SELECT ${PAGE_COLUMNS} FROM messages m
    WHERE m.topic_id = $1 AND m.seq > $5 AND EXISTS (SELECT 1 FROM head) ORDER BY m.seq LIMIT $6)
), ${PAGE_REACTIONS}
SELECT head.last_seq AS head_last_seq, head.last_change AS head_last_change, ${PAGE_OUTPUT}
  FROM head LEFT JOIN (page m ${PAGE_JOINS}) ON true
 ORDER BY m.seq`;

/** Which messages a history page holds: the `before` newest under seq `below`, the `after` oldest above `above`. */
export interface HistoryBounds {
  below: number;
  before: number;
  above: number;
  after: number;
}

interface HistoryRow extends Omit<MessageRow, 'id'> {
  id: string | null;
  head_last_seq: number;
  head_last_change: number;
}

export interface HistoryPageRecord {
  /** The topic's newest seq and change counter, read in the page's snapshot. */
  lastSeq: number;
  lastChange: number;
  /** Ascending by seq. */
  messages: MessageRecord[];
}

/** One send of a batch, as insertBatch stores it. */
export interface NewMessage {
  authorId: string;
  nonce: string;
  body: string;
  replyToId?: string | undefined;
  mentions?: StoredMentions | undefined;
  /** Linked in the same statement: the author's ready, unsent uploads of this topic among these. */
  attachmentIds?: string[] | undefined;
}

// $1 the topic, $2 the sends as a JSON array (one parameter whatever the batch size; JSON arrays become
// uuid[] columns). The membership and nonce checks are one index probe per send, whatever the party's and
// the topic's sizes: `OFFSET 0` keeps each a subquery run per send row, since as joins the planner, which
// guesses 100 rows for json_to_recordset, hashed all of the party's members (1.5 ms of PostgreSQL CPU a
// send at 10,000 members, against 0.4 ms) or, on a small table, read every message for the nonces. `ok`
// is read once (a CTE referenced twice is materialised), so the count the seq bump adds and the numbering
// of the inserted rows agree. The UPDATE waits for the topic row lock and then reads the newest last_seq,
// so the seqs continue after whatever committed meanwhile.
const INSERT_BATCH = `WITH input AS (
  SELECT * FROM json_to_recordset($2::json) AS i(
    ord int, author_id uuid, nonce text, body text, reply_to_id uuid, mention_user_ids uuid[],
    mention_everyone boolean, mention_here boolean, here_user_ids uuid[], attachment_ids uuid[])
), ok AS (
  SELECT i.*, row_number() OVER (ORDER BY i.ord) AS n
    FROM input i JOIN topics t ON t.id = $1
   WHERE EXISTS (SELECT 1 FROM members mb WHERE mb.party_id = t.party_id AND mb.user_id = i.author_id OFFSET 0)
     AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.author_id = i.author_id AND x.nonce = i.nonce OFFSET 0)
), counted AS (
  SELECT count(*) AS n FROM ok
), next AS (
  UPDATE topics t SET last_seq = t.last_seq + counted.n
    FROM counted
   WHERE t.id = $1 AND counted.n > 0
   RETURNING t.id, t.party_id, t.last_seq - counted.n AS base
), m AS (
  INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body, reply_to_id,
                        mention_user_ids, mention_everyone, mention_here, here_user_ids)
  SELECT next.id, next.party_id, next.base + ok.n, ok.author_id, ok.nonce, ok.body, ok.reply_to_id,
         ok.mention_user_ids, ok.mention_everyone, ok.mention_here, ok.here_user_ids
    FROM next, ok
  RETURNING *
), read AS (
  INSERT INTO read_states (user_id, topic_id, last_read_seq)
  SELECT author_id, topic_id, max(seq) FROM m GROUP BY author_id, topic_id
  ON CONFLICT (user_id, topic_id) DO UPDATE
    SET last_read_seq = GREATEST(read_states.last_read_seq, excluded.last_read_seq), updated_at = now()
), att AS (
  UPDATE attachments a SET message_id = m.id
    FROM m JOIN ok ON ok.author_id = m.author_id AND ok.nonce = m.nonce
   WHERE a.id = ANY(ok.attachment_ids) AND a.topic_id = m.topic_id AND a.uploader_id = m.author_id
     AND a.status = 'ready' AND a.message_id IS NULL
  RETURNING a.*
)
SELECT ok.ord, ${MESSAGE_COLUMNS}, ${REPLY_COLUMNS}, NULL::json AS reactions,
       (SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'size', a.size,
                 'contentType', a.content_type, 'width', a.width, 'height', a.height,
                 'hasThumbnail', a.thumbnail_key IS NOT NULL) ORDER BY a.created_at, a.id)
          FROM att a WHERE a.message_id = m.id) AS attachments,
       ${USER_COLUMNS}
  FROM m JOIN ok ON ok.author_id = m.author_id AND ok.nonce = m.nonce ${MESSAGE_JOINS}
 ORDER BY m.seq`;

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
    replyTo:
      row.reply_id === null
        ? null
        : {
            id: row.reply_id,
            seq: row.reply_seq ?? 0,
            authorId: row.reply_author_id,
            body: row.reply_body ?? '',
            deleted: row.reply_deleted ?? false,
          },
    mentions: { userIds: row.mention_user_ids, everyone: row.mention_everyone, here: row.mention_here },
    reactions: row.reactions ?? [],
    changeSeq: row.change_seq,
    attachments: row.attachments ?? [],
  };
}

export function createMessagesRepository(db: Queryable) {
  /**
   * Stores a batch of sends to one topic in ONE statement, committed on its own (group commit, see
   * send-batcher.ts): the sends whose author is a member of the topic's party and whose (author, nonce) is
   * not stored yet take the topic's next seqs in batch order, are inserted, link their attachments, and
   * move their authors' read positions (one row per author). The topic row lock serialises writers of a
   * topic until commit, so seqs are gap-free. The result is aligned with `sends`: the stored message, or
   * null for a send that stored nothing (no such topic, not a member, nonce already used: the caller
   * tells these apart). The batch must not repeat an (author, nonce).
   *
   * No ON CONFLICT on the nonce: a row skipped by it would leave a hole in the seqs the statement has
   * already taken. Nonces stored before the statement's snapshot are left out up front instead; one stored
   * by a statement that committed after it (the same nonce sent at once to another topic, or through
   * another instance) fails the statement with DuplicateNonceError, and the caller runs the batch again.
   */
  async function insertBatch(topicId: string, sends: NewMessage[]): Promise<(MessageRecord | null)[]> {
    const input = sends.map((send, ord) => {
      const mentions = send.mentions ?? NO_MENTIONS;
      return {
        ord,
        author_id: send.authorId,
        nonce: send.nonce,
        body: send.body,
        reply_to_id: send.replyToId ?? null,
        mention_user_ids: mentions.userIds,
        mention_everyone: mentions.everyone,
        mention_here: mentions.here,
        here_user_ids: mentions.hereUserIds,
        attachment_ids: send.attachmentIds ?? [],
      };
    });
    let rows: (MessageRow & { ord: number })[];
    try {
      ({ rows } = await db.query<MessageRow & { ord: number }>({
        // Prepared once per connection: the text is the same for every batch size.
        name: 'messages-insert-batch',
        text: INSERT_BATCH,
        values: [topicId, JSON.stringify(input)],
      }));
    } catch (error) {
      if (isUniqueViolation(error, 'messages_author_id_nonce_key')) throw new DuplicateNonceError();
      throw error;
    }
    const stored: (MessageRecord | null)[] = sends.map(() => null);
    for (const row of rows) stored[row.ord] = mapMessage(row);
    return stored;
  }

  return {
    insertBatch,

    /** One send on its own (insertBatch of one): the message, or null when it stored nothing. */
    async insertNext(message: NewMessage & { topicId: string }): Promise<MessageRecord | null> {
      const [stored] = await insertBatch(message.topicId, [message]);
      return stored ?? null;
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
        `SELECT ${MESSAGE_COLUMNS}, m.author_id, ${REPLY_COLUMNS}, ${REACTIONS_COLUMN},
                ${MESSAGE_ATTACHMENTS_COLUMN}, ${USER_COLUMNS}
           FROM messages m ${MESSAGE_JOINS}
          WHERE m.id = $1`,
        [messageId],
      );
      return rows[0] ? { ...mapMessage(rows[0]), authorId: rows[0].author_id } : null;
    },

    /** Locks the message row until the transaction ends; returns its author and state. */
    async lock(messageId: string): Promise<LockedMessage | null> {
      const { rows } = await db.query<{
        author_id: string | null;
        party_id: string;
        topic_id: string;
        body: string;
        deleted: boolean;
        mention_user_ids: string[];
        mention_everyone: boolean;
        mention_here: boolean;
        here_user_ids: string[];
      }>(
        `SELECT author_id, party_id, topic_id, body, deleted_at IS NOT NULL AS deleted,
                mention_user_ids, mention_everyone, mention_here, here_user_ids
           FROM messages WHERE id = $1 FOR UPDATE`,
        [messageId],
      );
      const row = rows[0];
      return row
        ? {
            authorId: row.author_id,
            partyId: row.party_id,
            topicId: row.topic_id,
            body: row.body,
            deleted: row.deleted,
            mentions: {
              userIds: row.mention_user_ids,
              everyone: row.mention_everyone,
              here: row.mention_here,
              hereUserIds: row.here_user_ids,
            },
          }
        : null;
    },

    /**
     * Keeps the current body as an earlier version, then replaces it with its mentions; `changeSeq` is the
     * topic's change counter just taken for this edit.
     */
    async edit(
      messageId: string,
      change: { previousBody: string; body: string; mentions: StoredMentions; changeSeq: number },
    ): Promise<void> {
      await db.query('INSERT INTO message_edits (message_id, body) VALUES ($1, $2)', [
        messageId,
        change.previousBody,
      ]);
      await db.query(
        `UPDATE messages SET body = $2, edited_at = now(), mention_user_ids = $3, mention_everyone = $4,
                mention_here = $5, here_user_ids = $6, change_seq = $7
          WHERE id = $1`,
        [
          messageId,
          change.body,
          change.mentions.userIds,
          change.mentions.everyone,
          change.mentions.here,
          change.mentions.hereUserIds,
          change.changeSeq,
        ],
      );
    },

    /**
     * Soft delete: the text, its earlier versions, its mentions and its reactions go, the row (and its seq)
     * stays; `changeSeq` is the topic's change counter just taken for this delete.
     */
    async softDelete(messageId: string, changeSeq: number): Promise<void> {
      await db.query('DELETE FROM message_edits WHERE message_id = $1', [messageId]);
      await db.query('DELETE FROM reactions WHERE message_id = $1', [messageId]);
      await db.query(
        `UPDATE messages SET body = '', deleted_at = now(), mention_user_ids = '{}', mention_everyone = false,
                mention_here = false, here_user_ids = '{}', change_seq = $2
          WHERE id = $1`,
        [messageId, changeSeq],
      );
    },

    /** Records a reaction change of the message (the topic's change counter just taken for it). */
    async markChanged(messageId: string, changeSeq: number): Promise<void> {
      await db.query('UPDATE messages SET change_seq = $2 WHERE id = $1', [messageId, changeSeq]);
    },

    /** Where a reply would point: the original's topic and whether it is deleted. */
    async findReplyTarget(messageId: string): Promise<{ topicId: string; deleted: boolean } | null> {
      const { rows } = await db.query<{ topic_id: string; deleted: boolean }>(
        'SELECT topic_id, deleted_at IS NOT NULL AS deleted FROM messages WHERE id = $1',
        [messageId],
      );
      return rows[0] ? { topicId: rows[0].topic_id, deleted: rows[0].deleted } : null;
    },

    /**
     * Up to `limit` messages with seq <= upToSeq changed after `afterChange`, in change order (sync). Keyset
     * on (topic_id, change_seq).
     */
    async listChanged(
      topicId: string,
      afterChange: number,
      upToSeq: number,
      limit: number,
    ): Promise<MessageRecord[]> {
      const { rows } = await db.query<MessageRow>({
        name: 'messages-list-changed',
        text: LIST_CHANGED,
        values: [topicId, afterChange, upToSeq, limit],
      });
      return rows.map(mapMessage);
    },

    async listEdits(messageId: string): Promise<MessageEditRecord[]> {
      const { rows } = await db.query<{ body: string; edited_at: Date }>(
        'SELECT body, edited_at FROM message_edits WHERE message_id = $1 ORDER BY id',
        [messageId],
      );
      return rows.map((row) => ({ body: row.body, editedAt: row.edited_at }));
    },

    /**
     * A page of history for `userId` (see HISTORY_PAGE), or null when there is no such topic or they are not a
     * member of its party.
     */
    async historyPage(
      topicId: string,
      userId: string,
      bounds: HistoryBounds,
    ): Promise<HistoryPageRecord | null> {
      const { rows } = await db.query<HistoryRow>({
        name: 'messages-history-page',
        text: HISTORY_PAGE,
        values: [topicId, userId, bounds.below, bounds.before, bounds.above, bounds.after],
      });
      const head = rows[0];
      if (head === undefined) return null;
      return {
        lastSeq: head.head_last_seq,
        lastChange: head.head_last_change,
        // Only the single row of an empty page has no message.
        messages: head.id === null ? [] : (rows as MessageRow[]).map(mapMessage),
      };
    },

    /** Up to `limit` messages with seq > after, oldest first. Keyset on (topic_id, seq). */
    async listAfter(topicId: string, after: number, limit: number): Promise<MessageRecord[]> {
      const { rows } = await db.query<MessageRow>({
        name: 'messages-list-after',
        text: LIST_AFTER,
        values: [topicId, after, limit],
      });
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
