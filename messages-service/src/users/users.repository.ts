// The local copy of accounts' users (name, avatar), fed by accounts.user-events.
import type { Queryable } from '../db/pool.js';

export interface UserRecord {
  id: string;
  username: string | null;
  displayName: string;
  avatarUrl: string | null;
  deleted: boolean;
}

export interface UserState {
  userId: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

const DELETED_USER_NAME = 'Deleted user';

/** Columns of `users u` that mapUser reads; join with `LEFT JOIN users u`. */
export const USER_COLUMNS =
  'u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name, u.avatar_url AS u_avatar_url, u.deleted_at AS u_deleted_at';

export interface UserColumns {
  u_id: string | null;
  u_username: string | null;
  u_display_name: string | null;
  u_avatar_url: string | null;
  u_deleted_at: Date | null;
}

/** A deleted account keeps its row (old messages still resolve) but shows nothing of its person. */
export function mapUser(row: UserColumns): UserRecord | null {
  if (row.u_id === null) return null;
  const deleted = row.u_deleted_at !== null;
  return {
    id: row.u_id,
    username: deleted ? null : row.u_username,
    displayName: deleted ? DELETED_USER_NAME : (row.u_display_name ?? row.u_username ?? ''),
    avatarUrl: deleted ? null : row.u_avatar_url,
    deleted,
  };
}

export function createUsersRepository(db: Queryable) {
  return {
    /**
     * Makes sure the user has a local row (version 0, from the token) before they join anything; the first
     * accounts event overwrites it. Returns whether the user is known as deleted.
     */
    async ensure(user: { id: string; username: string }): Promise<{ deleted: boolean }> {
      await db.query(
        'INSERT INTO users (id, username, display_name, version) VALUES ($1, $2, $2, 0) ON CONFLICT (id) DO NOTHING',
        [user.id, user.username],
      );
      const { rows } = await db.query<{ deleted: boolean }>(
        'SELECT deleted_at IS NOT NULL AS deleted FROM users WHERE id = $1',
        [user.id],
      );
      return { deleted: rows[0]?.deleted ?? false };
    },

    /** Applies a full user state if `version` is newer than the copy's. Returns whether it was applied. */
    async upsertState(state: UserState, version: number): Promise<boolean> {
      const { rowCount } = await db.query(
        `INSERT INTO users (id, username, display_name, avatar_url, version)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE
           SET username = excluded.username, display_name = excluded.display_name, avatar_url = excluded.avatar_url,
               version = excluded.version, updated_at = now()
           WHERE users.version < excluded.version AND users.deleted_at IS NULL`,
        [state.userId, state.username, state.displayName, state.avatarUrl, version],
      );
      return rowCount === 1;
    },

    /** Marks the user deleted (keeps the row so old messages still resolve). Returns whether it changed. */
    async markDeleted(userId: string, version: number): Promise<boolean> {
      const { rowCount } = await db.query(
        `INSERT INTO users (id, username, display_name, avatar_url, version, deleted_at)
         VALUES ($1, NULL, '', NULL, $2, now())
         ON CONFLICT (id) DO UPDATE
           SET username = NULL, display_name = '', avatar_url = NULL, version = GREATEST(users.version, excluded.version),
               deleted_at = now(), updated_at = now()
           WHERE users.deleted_at IS NULL`,
        [userId, version],
      );
      return rowCount === 1;
    },

    async find(userId: string): Promise<UserRecord | null> {
      const { rows } = await db.query<UserColumns>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [
        userId,
      ]);
      return rows[0] ? mapUser(rows[0]) : null;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
