import type { Role } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';
import type { PartyKind } from '../parties/parties.repository.js';
import { mapUser, USER_COLUMNS, type UserColumns } from '../users/users.repository.js';

/** A membership with the member's public profile (blank when their user copy has not arrived yet). */
export interface MemberRecord {
  partyId: string;
  userId: string;
  role: Role;
  joinedAt: Date;
  username: string | null;
  displayName: string;
  avatarUrl: string | null;
}

interface MemberRow extends UserColumns {
  party_id: string;
  user_id: string;
  role: Role;
  joined_at: Date;
}

const mapMember = (row: MemberRow): MemberRecord => {
  const user = mapUser(row);
  return {
    partyId: row.party_id,
    userId: row.user_id,
    role: row.role,
    joinedAt: row.joined_at,
    username: user?.username ?? null,
    displayName: user?.displayName ?? '',
    avatarUrl: user?.avatarUrl ?? null,
  };
};

/**
 * The user's role in the party, null for non-members. With 'withKind' also whether the party is a direct
 * conversation (membership.ts refuses party-only operations on one with their own code); one signature, so
 * the services that pick only `findRole` get both.
 */
export interface FindRole {
  (partyId: string, userId: string): Promise<Role | null>;
  (partyId: string, userId: string, withKind: 'withKind'): Promise<{ role: Role; direct: boolean } | null>;
}

const MEMBER_SELECT = `SELECT m.party_id, m.user_id, m.role, m.joined_at, ${USER_COLUMNS}
  FROM members m LEFT JOIN users u ON u.id = m.user_id`;

export function createMembersRepository(db: Queryable) {
  return {
    findRole: (async (partyId: string, userId: string, withKind?: 'withKind') => {
      if (withKind === undefined) {
        // The plain check of every send and read: the membership's primary key alone.
        const { rows } = await db.query<{ role: Role }>(
          'SELECT role FROM members WHERE party_id = $1 AND user_id = $2',
          [partyId, userId],
        );
        return rows[0]?.role ?? null;
      }
      const { rows } = await db.query<{ role: Role; kind: PartyKind }>(
        `SELECT m.role, p.kind FROM members m JOIN parties p ON p.id = m.party_id
          WHERE m.party_id = $1 AND m.user_id = $2`,
        [partyId, userId],
      );
      const row = rows[0];
      return row ? { role: row.role, direct: row.kind === 'direct' } : null;
    }) as FindRole,

    /** Like findRole, but locks the membership row until the transaction ends. */
    async lockRole(partyId: string, userId: string): Promise<Role | null> {
      const { rows } = await db.query<{ role: Role }>(
        'SELECT role FROM members WHERE party_id = $1 AND user_id = $2 FOR UPDATE',
        [partyId, userId],
      );
      return rows[0]?.role ?? null;
    },

    async find(partyId: string, userId: string): Promise<MemberRecord | null> {
      const { rows } = await db.query<MemberRow>(
        `${MEMBER_SELECT} WHERE m.party_id = $1 AND m.user_id = $2`,
        [partyId, userId],
      );
      return rows[0] ? mapMember(rows[0]) : null;
    },

    async list(partyId: string): Promise<MemberRecord[]> {
      const { rows } = await db.query<MemberRow>(
        `${MEMBER_SELECT} WHERE m.party_id = $1 ORDER BY m.joined_at, m.user_id`,
        [partyId],
      );
      return rows.map(mapMember);
    },

    /**
     * Adds a member; false when they already are one. In the same statement the new member has read every
     * topic up to its current seq: history from before they joined is not unread for them.
     */
    async insert(partyId: string, userId: string, role: Role): Promise<boolean> {
      const { rows } = await db.query<{ n: number }>(
        `WITH joined AS (
           INSERT INTO members (party_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (party_id, user_id) DO NOTHING
           RETURNING party_id, user_id
         ), seen AS (
           INSERT INTO read_states (user_id, topic_id, last_read_seq)
           SELECT j.user_id, t.id, t.last_seq FROM joined j JOIN topics t ON t.party_id = j.party_id
           ON CONFLICT (user_id, topic_id) DO UPDATE
             SET last_read_seq = GREATEST(read_states.last_read_seq, excluded.last_read_seq), updated_at = now()
         )
         SELECT count(*)::int AS n FROM joined`,
        [partyId, userId, role],
      );
      return rows[0]?.n === 1;
    },

    async setRole(partyId: string, userId: string, role: Role): Promise<void> {
      await db.query('UPDATE members SET role = $3 WHERE party_id = $1 AND user_id = $2', [
        partyId,
        userId,
        role,
      ]);
    },

    /** Removes a member; false when they were not one. */
    async remove(partyId: string, userId: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM members WHERE party_id = $1 AND user_id = $2', [
        partyId,
        userId,
      ]);
      return rowCount === 1;
    },

    /** Which of `userIds` are members of the party (mentions keep only those). */
    async filterMembers(partyId: string, userIds: string[]): Promise<string[]> {
      if (userIds.length === 0) return [];
      const { rows } = await db.query<{ user_id: string }>(
        'SELECT user_id FROM members WHERE party_id = $1 AND user_id = ANY($2::uuid[])',
        [partyId, userIds],
      );
      const found = new Set(rows.map((row) => row.user_id));
      return userIds.filter((id) => found.has(id));
    },

    /** Every member's id (who an @here may reach). */
    async listUserIds(partyId: string): Promise<string[]> {
      const { rows } = await db.query<{ user_id: string }>(
        'SELECT user_id FROM members WHERE party_id = $1',
        [partyId],
      );
      return rows.map((row) => row.user_id);
    },

    /** The members of several parties at once (the direct conversations list), in joining order. */
    async listOfParties(partyIds: string[]): Promise<MemberRecord[]> {
      if (partyIds.length === 0) return [];
      const { rows } = await db.query<MemberRow>(
        `${MEMBER_SELECT} WHERE m.party_id = ANY($1::uuid[]) ORDER BY m.joined_at, m.user_id`,
        [partyIds],
      );
      return rows.map(mapMember);
    },

    async listPartyIdsOfUser(userId: string): Promise<string[]> {
      const { rows } = await db.query<{ party_id: string }>(
        'SELECT party_id FROM members WHERE user_id = $1',
        [userId],
      );
      return rows.map((row) => row.party_id);
    },

    /** Who inherits ownership: the longest-standing admin, else the longest-standing member, else nobody. */
    async findSuccessor(partyId: string, leavingUserId: string): Promise<string | null> {
      const { rows } = await db.query<{ user_id: string }>(
        `SELECT user_id FROM members
          WHERE party_id = $1 AND user_id <> $2
          ORDER BY (role = 'admin') DESC, joined_at, user_id
          LIMIT 1`,
        [partyId, leavingUserId],
      );
      return rows[0]?.user_id ?? null;
    },
  };
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;
