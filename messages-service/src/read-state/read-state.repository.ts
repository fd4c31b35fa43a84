import type { NotificationLevel } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';

/** A topic of one of the user's parties, with its last seq and the user's read position. */
export interface ReadPositionRecord {
  partyId: string;
  topicId: string;
  lastSeq: number;
  lastReadSeq: number;
  /** Unread messages that mention the user (not by them, not deleted). */
  mentionCount: number;
  /** The topic's own level, else the party's, else 'all'. */
  level: NotificationLevel;
}

export function createReadStatesRepository(db: Queryable) {
  return {
    /** Moves the read position forward (never back). Returns the new position, or null when unchanged. */
    async advance(userId: string, topicId: string, seq: number): Promise<number | null> {
      const { rows } = await db.query<{ last_read_seq: number }>(
        `INSERT INTO read_states (user_id, topic_id, last_read_seq) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, topic_id) DO UPDATE SET last_read_seq = excluded.last_read_seq, updated_at = now()
           WHERE read_states.last_read_seq < excluded.last_read_seq
         RETURNING last_read_seq`,
        [userId, topicId, seq],
      );
      return rows[0]?.last_read_seq ?? null;
    },

    /**
     * Every topic of every party of the user with its last seq, the user's read position, the unread
     * messages that mention them and the effective notification level: one query. The mention count reads
     * only unread messages that mention anyone (the partial index messages_mentioning, whose predicate is
     * repeated here so the planner can use it), and only in topics with something unread.
     */
    async listPositions(userId: string): Promise<ReadPositionRecord[]> {
      const { rows } = await db.query<{
        party_id: string;
        topic_id: string;
        last_seq: number;
        last_read_seq: number;
        mention_count: number;
        level: NotificationLevel;
      }>(
        `SELECT t.party_id, t.id AS topic_id, t.last_seq, COALESCE(r.last_read_seq, 0) AS last_read_seq,
                COALESCE(ts.level, ps.level, 'all') AS level,
                CASE WHEN t.last_seq <= COALESCE(r.last_read_seq, 0) THEN 0 ELSE (
                  SELECT count(*)::int FROM messages x
                   WHERE x.topic_id = t.id AND x.seq > COALESCE(r.last_read_seq, 0)
                     AND (x.mention_everyone OR x.mention_here OR cardinality(x.mention_user_ids) > 0)
                     AND x.deleted_at IS NULL AND x.author_id IS DISTINCT FROM m.user_id
                     AND (x.mention_everyone OR m.user_id = ANY(x.mention_user_ids)
                          OR m.user_id = ANY(x.here_user_ids))
                ) END AS mention_count
           FROM members m
           JOIN topics t ON t.party_id = m.party_id
           LEFT JOIN read_states r ON r.user_id = m.user_id AND r.topic_id = t.id
           LEFT JOIN party_notification_settings ps ON ps.user_id = m.user_id AND ps.party_id = t.party_id
           LEFT JOIN topic_notification_settings ts ON ts.user_id = m.user_id AND ts.topic_id = t.id
          WHERE m.user_id = $1
          ORDER BY m.joined_at, t.position, t.id`,
        [userId],
      );
      return rows.map((row) => ({
        partyId: row.party_id,
        topicId: row.topic_id,
        lastSeq: row.last_seq,
        lastReadSeq: row.last_read_seq,
        mentionCount: row.mention_count,
        level: row.level,
      }));
    },
  };
}

export type ReadStatesRepository = ReturnType<typeof createReadStatesRepository>;
