import type { Queryable } from '../db/pool.js';
import { mapUser, USER_COLUMNS, type UserColumns, type UserRecord } from '../users/users.repository.js';

export interface BanRecord {
  partyId: string;
  userId: string;
  reason: string | null;
  bannedBy: string | null;
  createdAt: Date;
  /** Null when the user was banned before their copy arrived here. */
  user: UserRecord | null;
}

interface BanRow extends UserColumns {
  party_id: string;
  user_id: string;
  reason: string | null;
  banned_by: string | null;
  created_at: Date;
}

export function createBansRepository(db: Queryable) {
  return {
    async upsert(ban: {
      partyId: string;
      userId: string;
      reason: string | null;
      bannedBy: string;
    }): Promise<void> {
      await db.query(
        `INSERT INTO bans (party_id, user_id, reason, banned_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (party_id, user_id) DO UPDATE SET reason = excluded.reason, banned_by = excluded.banned_by`,
        [ban.partyId, ban.userId, ban.reason, ban.bannedBy],
      );
    },

    async isBanned(partyId: string, userId: string): Promise<boolean> {
      const { rowCount } = await db.query('SELECT 1 FROM bans WHERE party_id = $1 AND user_id = $2', [
        partyId,
        userId,
      ]);
      return rowCount === 1;
    },

    async list(partyId: string): Promise<BanRecord[]> {
      const { rows } = await db.query<BanRow>(
        `SELECT b.party_id, b.user_id, b.reason, b.banned_by, b.created_at, ${USER_COLUMNS}
       FROM bans b LEFT JOIN users u ON u.id = b.user_id
      WHERE b.party_id = $1 ORDER BY b.created_at, b.user_id`,
        [partyId],
      );
      return rows.map((row) => ({
        partyId: row.party_id,
        userId: row.user_id,
        reason: row.reason,
        bannedBy: row.banned_by,
        createdAt: row.created_at,
        user: mapUser(row),
      }));
    },

    async remove(partyId: string, userId: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM bans WHERE party_id = $1 AND user_id = $2', [
        partyId,
        userId,
      ]);
      return rowCount === 1;
    },
  };
}

export type BansRepository = ReturnType<typeof createBansRepository>;
