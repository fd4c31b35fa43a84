import { AppError } from '@partyline/contracts';

import { isUniqueViolation } from '../db/pg-errors.js';
import type { Queryable } from '../db/pool.js';

export interface TopicRecord {
  id: string;
  partyId: string;
  name: string;
  position: number;
  lastSeq: number;
  createdAt: Date;
}

const nameTaken = (name: string) =>
  AppError.conflict('TOPIC.NAME_TAKEN', `A topic named "${name}" already exists`);

interface TopicRow {
  id: string;
  party_id: string;
  name: string;
  position: number;
  last_seq: number;
  created_at: Date;
}

const TOPIC_COLUMNS = 't.id, t.party_id, t.name, t.position, t.last_seq, t.created_at';

const mapTopic = (row: TopicRow): TopicRecord => ({
  id: row.id,
  partyId: row.party_id,
  name: row.name,
  position: row.position,
  lastSeq: row.last_seq,
  createdAt: row.created_at,
});

export function createTopicsRepository(db: Queryable) {
  return {
    /** Appends a topic at the end of the party's list. Throws TOPIC.NAME_TAKEN on a duplicate name. */
    async insert(partyId: string, name: string): Promise<TopicRecord> {
      try {
        const { rows } = await db.query<TopicRow>(
          `INSERT INTO topics AS t (party_id, name, position)
       SELECT $1, $2, COALESCE(MAX(position) + 1, 0) FROM topics WHERE party_id = $1
       RETURNING ${TOPIC_COLUMNS}`,
          [partyId, name],
        );
        return mapTopic(rows[0]!);
      } catch (error) {
        if (isUniqueViolation(error, 'topics_name_per_party')) throw nameTaken(name);
        throw error;
      }
    },

    async list(partyId: string): Promise<TopicRecord[]> {
      const { rows } = await db.query<TopicRow>(
        `SELECT ${TOPIC_COLUMNS} FROM topics t WHERE t.party_id = $1 ORDER BY t.position, t.created_at, t.id`,
        [partyId],
      );
      return rows.map(mapTopic);
    },

    async findInParty(partyId: string, topicId: string): Promise<TopicRecord | null> {
      const { rows } = await db.query<TopicRow>(
        `SELECT ${TOPIC_COLUMNS} FROM topics t WHERE t.party_id = $1 AND t.id = $2`,
        [partyId, topicId],
      );
      return rows[0] ? mapTopic(rows[0]) : null;
    },

    /** The topic if `userId` is a member of its party (else null: unknown and forbidden look the same). */
    async findForMember(topicId: string, userId: string): Promise<TopicRecord | null> {
      const { rows } = await db.query<TopicRow>(
        `SELECT ${TOPIC_COLUMNS} FROM topics t
       JOIN members m ON m.party_id = t.party_id AND m.user_id = $2
      WHERE t.id = $1`,
        [topicId, userId],
      );
      return rows[0] ? mapTopic(rows[0]) : null;
    },

    /** Topics among `topicIds` whose party `userId` belongs to. */
    async findManyForMember(topicIds: string[], userId: string): Promise<TopicRecord[]> {
      const { rows } = await db.query<TopicRow>(
        `SELECT ${TOPIC_COLUMNS} FROM topics t
       JOIN members m ON m.party_id = t.party_id AND m.user_id = $2
      WHERE t.id = ANY($1::uuid[])`,
        [topicIds, userId],
      );
      return rows.map(mapTopic);
    },

    async rename(topicId: string, name: string): Promise<TopicRecord> {
      try {
        const { rows } = await db.query<TopicRow>(
          `UPDATE topics t SET name = $2 WHERE t.id = $1 RETURNING ${TOPIC_COLUMNS}`,
          [topicId, name],
        );
        return mapTopic(rows[0]!);
      } catch (error) {
        if (isUniqueViolation(error, 'topics_name_per_party')) throw nameTaken(name);
        throw error;
      }
    },

    /**
     * Takes the topic's next change number (issue 14: edits, deletes, reaction changes) and holds its row
     * lock until the transaction ends, so changes commit in number order, like seqs.
     */
    async nextChange(topicId: string): Promise<number> {
      const { rows } = await db.query<{ last_change: number }>(
        `INSERT INTO topic_changes (topic_id, last_change) VALUES ($1, 1)
         ON CONFLICT (topic_id) DO UPDATE SET last_change = topic_changes.last_change + 1
         RETURNING last_change`,
        [topicId],
      );
      return rows[0]!.last_change;
    },

    /** Each topic's change counter (0 for a topic never changed). */
    async lastChanges(topicIds: string[]): Promise<Map<string, number>> {
      const { rows } = await db.query<{ topic_id: string; last_change: number }>(
        'SELECT topic_id, last_change FROM topic_changes WHERE topic_id = ANY($1::uuid[])',
        [topicIds],
      );
      const result = new Map(topicIds.map((id) => [id, 0]));
      for (const row of rows) result.set(row.topic_id, row.last_change);
      return result;
    },

    async remove(topicId: string): Promise<void> {
      await db.query('DELETE FROM topics WHERE id = $1', [topicId]);
    },
  };
}

export type TopicsRepository = ReturnType<typeof createTopicsRepository>;
