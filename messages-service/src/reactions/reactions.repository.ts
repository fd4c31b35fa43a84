// Reactions: one row per (message, user, emoji). Counts and the first reactors come from the rows.
import { REACTION_USERS_SHOWN } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';
import type { ReactionRecord } from '../messages/messages.repository.js';

export function createReactionsRepository(db: Queryable) {
  return {
    /** False when the user already reacted with this emoji. */
    async insert(messageId: string, userId: string, emoji: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `INSERT INTO reactions (message_id, user_id, emoji) VALUES ($1, $2, $3)
         ON CONFLICT (message_id, user_id, emoji) DO NOTHING`,
        [messageId, userId, emoji],
      );
      return rowCount === 1;
    },

    /** False when there was nothing to remove. */
    async remove(messageId: string, userId: string, emoji: string): Promise<boolean> {
      const { rowCount } = await db.query(
        'DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3',
        [messageId, userId, emoji],
      );
      return rowCount === 1;
    },

    /** Whether the message has this emoji already, and how many distinct ones it has. */
    async emojiStats(messageId: string, emoji: string): Promise<{ present: boolean; distinct: number }> {
      const { rows } = await db.query<{ present: boolean; distinct: number }>(
        `SELECT coalesce(bool_or(emoji = $2), false) AS present, count(DISTINCT emoji)::int AS distinct
           FROM reactions WHERE message_id = $1`,
        [messageId, emoji],
      );
      return rows[0] ?? { present: false, distinct: 0 };
    },

    /** The message's reactions (in order of first reaction), the user's own emoji, its change number. */
    async state(
      messageId: string,
      userId: string,
    ): Promise<{ reactions: ReactionRecord[]; mine: string[]; changeSeq: number } | null> {
      const { rows } = await db.query<{
        change_seq: number;
        reactions: ReactionRecord[] | null;
        mine: string[] | null;
      }>(
        `SELECT m.change_seq,
                (SELECT json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'userIds', g.user_ids)
                          ORDER BY g.first, g.emoji)
                   FROM (SELECT r.emoji, count(*)::int AS n, min(r.created_at) AS first,
                                (array_agg(r.user_id ORDER BY r.created_at, r.user_id))[1:${REACTION_USERS_SHOWN}]
                                  AS user_ids
                           FROM reactions r WHERE r.message_id = m.id GROUP BY r.emoji) g) AS reactions,
                (SELECT array_agg(r.emoji ORDER BY r.created_at, r.emoji)
                   FROM reactions r WHERE r.message_id = m.id AND r.user_id = $2) AS mine
           FROM messages m WHERE m.id = $1`,
        [messageId, userId],
      );
      const row = rows[0];
      return row ? { reactions: row.reactions ?? [], mine: row.mine ?? [], changeSeq: row.change_seq } : null;
    },
  };
}

export type ReactionsRepository = ReturnType<typeof createReactionsRepository>;
