import type { Role } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';
import type { MemberRecord } from '../domain/types.js';
import { mapUser, USER_COLUMNS, type UserColumns } from './users.repo.js';

interface MemberRow extends UserColumns {
  party_id: string;
  user_id: string;
  role: Role;
  joined_at: Date;
}

const mapMember = (row: MemberRow): MemberRecord => ({
  partyId: row.party_id,
  userId: row.user_id,
  role: row.role,
  joinedAt: row.joined_at,
  user: mapUser(row) ?? { id: row.user_id, username: null, displayName: '', avatarUrl: null, deleted: false },
});

const MEMBER_SELECT = `SELECT m.party_id, m.user_id, m.role, m.joined_at, ${USER_COLUMNS}
  FROM members m LEFT JOIN users u ON u.id = m.user_id`;

export async function findRole(db: Queryable, partyId: string, userId: string): Promise<Role | null> {
  const { rows } = await db.query<{ role: Role }>(
    'SELECT role FROM members WHERE party_id = $1 AND user_id = $2',
    [partyId, userId],
  );
  return rows[0]?.role ?? null;
}

/** Like findRole, but locks the membership row until the transaction ends. */
export async function lockRole(db: Queryable, partyId: string, userId: string): Promise<Role | null> {
  const { rows } = await db.query<{ role: Role }>(
    'SELECT role FROM members WHERE party_id = $1 AND user_id = $2 FOR UPDATE',
    [partyId, userId],
  );
  return rows[0]?.role ?? null;
}

export async function findMember(
  db: Queryable,
  partyId: string,
  userId: string,
): Promise<MemberRecord | null> {
  const { rows } = await db.query<MemberRow>(`${MEMBER_SELECT} WHERE m.party_id = $1 AND m.user_id = $2`, [
    partyId,
    userId,
  ]);
  return rows[0] ? mapMember(rows[0]) : null;
}

export async function listMembers(db: Queryable, partyId: string): Promise<MemberRecord[]> {
  const { rows } = await db.query<MemberRow>(
    `${MEMBER_SELECT} WHERE m.party_id = $1 ORDER BY m.joined_at, m.user_id`,
    [partyId],
  );
  return rows.map(mapMember);
}

/** Adds a member; false when they already are one. */
export async function insertMember(
  db: Queryable,
  partyId: string,
  userId: string,
  role: Role,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO members (party_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (party_id, user_id) DO NOTHING',
    [partyId, userId, role],
  );
  return rowCount === 1;
}

export async function setRole(db: Queryable, partyId: string, userId: string, role: Role): Promise<void> {
  await db.query('UPDATE members SET role = $3 WHERE party_id = $1 AND user_id = $2', [
    partyId,
    userId,
    role,
  ]);
}

/** Removes a member; false when they were not one. */
export async function deleteMember(db: Queryable, partyId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM members WHERE party_id = $1 AND user_id = $2', [
    partyId,
    userId,
  ]);
  return rowCount === 1;
}

export async function listPartyIdsOfUser(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ party_id: string }>('SELECT party_id FROM members WHERE user_id = $1', [
    userId,
  ]);
  return rows.map((row) => row.party_id);
}

/** Who inherits ownership: the longest-standing admin, else the longest-standing member, else nobody. */
export async function findSuccessor(
  db: Queryable,
  partyId: string,
  leavingUserId: string,
): Promise<string | null> {
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT user_id FROM members
      WHERE party_id = $1 AND user_id <> $2
      ORDER BY (role = 'admin') DESC, joined_at, user_id
      LIMIT 1`,
    [partyId, leavingUserId],
  );
  return rows[0]?.user_id ?? null;
}
