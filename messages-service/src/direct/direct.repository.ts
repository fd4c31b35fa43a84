// Direct conversations (issue 15.3) as stored: a party row of kind 'direct', its one topic and its
// participants as members. What a party already has (members, topics, messages, read states) is read and
// written by those repositories; this one holds only what is particular to conversations.
import type { Queryable } from '../db/pool.js';
import { mapUser, USER_COLUMNS, type UserColumns, type UserRecord } from '../users/users.repository.js';

/** The placeholder `parties.name` of a conversation (never shown: clients name it by its participants). */
const CONVERSATION_NAME = 'Direct conversation';
/** At most this many contacts in one reply (the picker searches them by name). */
const CONTACTS_MAX = 1_000;
/** The first key of the advisory locks that serialize group creates per set of people ("grp" in ASCII). */
const GROUP_SET_LOCK = 0x677270;
/** Parameter $2, a uuid[] of people, as a sorted set: the same for any order, case or repetition. */
const SORTED_SET = 'ARRAY(SELECT DISTINCT x FROM unnest($2::uuid[]) x ORDER BY x)';

export interface ConversationRow {
  id: string;
  topicId: string;
  group: boolean;
  lastActivityAt: Date;
  createdAt: Date;
}

interface Row {
  id: string;
  topic_id: string;
  grp: boolean;
  last_activity_at: Date;
  created_at: Date;
}

const mapRow = (row: Row): ConversationRow => ({
  id: row.id,
  topicId: row.topic_id,
  group: row.grp,
  lastActivityAt: row.last_activity_at,
  createdAt: row.created_at,
});

// The newest message's time through the (topic_id, seq) key: the topic's last_seq is its newest message.
const CONVERSATION_SELECT = `SELECT p.id, t.id AS topic_id, p.direct_key IS NULL AS grp, p.created_at,
    COALESCE((SELECT x.created_at FROM messages x WHERE x.topic_id = t.id AND x.seq = t.last_seq),
             p.created_at) AS last_activity_at
  FROM members m
  JOIN parties p ON p.id = m.party_id AND p.kind = 'direct'
  JOIN topics t ON t.party_id = p.id`;

/** The unique key of the 1:1 between two people: their ids sorted, so both directions find one row. */
const pairKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function createDirectRepository(db: Queryable) {
  return {
    /**
     * The 1:1 of this pair: inserted, or the existing one. A concurrent insert of the same pair waits on
     * the unique key until the first commits, then finds its row: one conversation, never two.
     */
    async insertPair(userA: string, userB: string): Promise<{ id: string; created: boolean }> {
      const key = pairKey(userA, userB);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO parties (name, kind, direct_key) VALUES ($1, 'direct', $2)
         ON CONFLICT (direct_key) DO NOTHING RETURNING id`,
        [CONVERSATION_NAME, key],
      );
      if (rows[0]) return { id: rows[0].id, created: true };
      const found = await db.query<{ id: string }>('SELECT id FROM parties WHERE direct_key = $1', [key]);
      return { id: found.rows[0]!.id, created: false };
    },

    /**
     * Serializes group creates of one set of people until the transaction ends, so that two concurrent
     * identical creates find one group: the second waits here, then sees the first one's committed rows.
     * The key is a hash of the ids sorted and deduplicated by PostgreSQL (any order and case give one
     * lock). The two-key form keeps these locks apart from the single-key ones (outbox relay,
     * migrations); a hash collision only makes two unrelated creates wait for each other.
     */
    async lockGroupSet(people: string[]): Promise<void> {
      await db.query(`SELECT pg_advisory_xact_lock($1::int, hashtext(array_to_string(${SORTED_SET}, ':')))`, [
        GROUP_SET_LOCK,
        people,
      ]);
    },

    /**
     * The group conversation of `actorId` whose people are now exactly `people` (in any order), the
     * oldest if several, or null. The candidates are the actor's own groups (members_by_user), fenced off
     * in a materialized CTE so that the people of no other group are ever compared; each candidate's
     * people are read through the members primary key.
     */
    async findGroupOf(actorId: string, people: string[]): Promise<string | null> {
      const { rows } = await db.query<{ id: string }>(
        `WITH mine AS MATERIALIZED (
           SELECT p.id, p.created_at FROM members m
             JOIN parties p ON p.id = m.party_id AND p.kind = 'direct' AND p.direct_key IS NULL
            WHERE m.user_id = $1)
         SELECT mine.id FROM mine
          WHERE ARRAY(SELECT o.user_id FROM members o WHERE o.party_id = mine.id ORDER BY o.user_id)
                = ${SORTED_SET}
          ORDER BY mine.created_at, mine.id
          LIMIT 1`,
        [actorId, people],
      );
      return rows[0]?.id ?? null;
    },

    /** A new group conversation (callers look for one of the same people first: findGroupOf). */
    async insertGroup(): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO parties (name, kind) VALUES ($1, 'direct') RETURNING id`,
        [CONVERSATION_NAME],
      );
      return rows[0]!.id;
    },

    /** The user's conversations, newest activity first. */
    async listOfUser(userId: string): Promise<ConversationRow[]> {
      const { rows } = await db.query<Row>(
        `${CONVERSATION_SELECT} WHERE m.user_id = $1 ORDER BY last_activity_at DESC, p.id`,
        [userId],
      );
      return rows.map(mapRow);
    },

    /** The conversation if the user takes part in it (null for anyone else, and for parties). */
    async findForParticipant(conversationId: string, userId: string): Promise<ConversationRow | null> {
      const { rows } = await db.query<Row>(`${CONVERSATION_SELECT} WHERE m.user_id = $1 AND p.id = $2`, [
        userId,
        conversationId,
      ]);
      return rows[0] ? mapRow(rows[0]) : null;
    },

    /**
     * Which of `others` share a party or a conversation with `userId` now. Bans and removals take people
     * out of `members`, so someone banned from every shared party no longer counts through it.
     */
    async sharingWith(userId: string, others: string[]): Promise<string[]> {
      if (others.length === 0) return [];
      const { rows } = await db.query<{ user_id: string }>(
        `SELECT DISTINCT o.user_id FROM members mine
           JOIN members o ON o.party_id = mine.party_id
          WHERE mine.user_id = $1 AND o.user_id = ANY($2::uuid[])`,
        [userId, others],
      );
      return rows.map((row) => row.user_id);
    },

    /** Everyone I share a party or a conversation with (not deleted), by name. */
    async contactsOf(userId: string): Promise<UserRecord[]> {
      const { rows } = await db.query<UserColumns>(
        `SELECT ${USER_COLUMNS} FROM users u
          WHERE u.id <> $1 AND u.deleted_at IS NULL AND u.id IN (
            SELECT o.user_id FROM members mine JOIN members o ON o.party_id = mine.party_id
             WHERE mine.user_id = $1)
          ORDER BY lower(COALESCE(NULLIF(u.display_name, ''), u.username)), u.id
          LIMIT ${CONTACTS_MAX}`,
        [userId],
      );
      return rows.map(mapUser).filter((user): user is UserRecord => user !== null);
    },
  };
}

export type DirectRepository = ReturnType<typeof createDirectRepository>;
