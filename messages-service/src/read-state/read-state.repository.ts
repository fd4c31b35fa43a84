import type { Queryable } from '../db/pool.js';

/** A topic of one of the user's parties, with its last seq and the user's read position. */
export interface ReadPositionRecord {
  partyId: string;
  topicId: string;
  lastSeq: number;
  lastReadSeq: number;
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

    /** Every topic of every party of the user with its last seq and the user's read position: one query. */
    async listPositions(userId: string): Promise<ReadPositionRecord[]> {
      const { rows } = await db.query<{
        party_id: string;
        topic_id: string;
        last_seq: number;
        last_read_seq: number;
      }>(
        `SELECT t.party_id, t.id AS topic_id, t.last_seq, COALESCE(r.last_read_seq, 0) AS last_read_seq
           FROM members m
           JOIN topics t ON t.party_id = m.party_id
           LEFT JOIN read_states r ON r.user_id = m.user_id AND r.topic_id = t.id
          WHERE m.user_id = $1
          ORDER BY m.joined_at, t.position, t.id`,
        [userId],
      );
      return rows.map((row) => ({
        partyId: row.party_id,
        topicId: row.topic_id,
        lastSeq: row.last_seq,
        lastReadSeq: row.last_read_seq,
      }));
    },
  };
}

export type ReadStatesRepository = ReturnType<typeof createReadStatesRepository>;
