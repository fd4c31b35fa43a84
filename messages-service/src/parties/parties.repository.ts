import type { Role } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';

/** 'direct': a direct conversation (issue 15.3), kept out of every party list, event and push. */
export type PartyKind = 'party' | 'direct';

export interface PartyRecord {
  id: string;
  kind: PartyKind;
  name: string;
  ownerId: string;
  memberCount: number;
  createdAt: Date;
}

/** A party as one of its members sees it. */
export interface MyPartyRecord extends PartyRecord {
  myRole: Role;
}

export interface LockedParty {
  name: string;
  kind: PartyKind;
  /** A one-to-one direct conversation (its pair of people is its unique key). */
  pair: boolean;
}

interface PartyRow {
  id: string;
  kind: PartyKind;
  name: string;
  owner_id: string;
  member_count: number;
  created_at: Date;
}

const PARTY_COLUMNS = `p.id, p.kind, p.name, p.created_at,
  (SELECT o.user_id FROM members o WHERE o.party_id = p.id AND o.role = 'owner') AS owner_id,
  (SELECT count(*)::int FROM members c WHERE c.party_id = p.id) AS member_count`;

const mapParty = (row: PartyRow): PartyRecord => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  ownerId: row.owner_id,
  memberCount: row.member_count,
  createdAt: row.created_at,
});

export function createPartiesRepository(db: Queryable) {
  return {
    async insert(name: string): Promise<string> {
      const { rows } = await db.query<{ id: string }>('INSERT INTO parties (name) VALUES ($1) RETURNING id', [
        name,
      ]);
      return rows[0]!.id;
    },

    async find(partyId: string): Promise<PartyRecord | null> {
      const { rows } = await db.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties p WHERE p.id = $1`, [
        partyId,
      ]);
      return rows[0] ? mapParty(rows[0]) : null;
    },

    /**
     * The party as `userId` sees it, or null when it does not exist, they are not a member, or it is a
     * direct conversation (which the party routes answer like a party that does not exist).
     */
    async findForMember(partyId: string, userId: string): Promise<MyPartyRecord | null> {
      const { rows } = await db.query<PartyRow & { my_role: Role }>(
        `SELECT ${PARTY_COLUMNS}, m.role AS my_role
           FROM parties p JOIN members m ON m.party_id = p.id AND m.user_id = $2
          WHERE p.id = $1 AND p.kind = 'party'`,
        [partyId, userId],
      );
      return rows[0] ? { ...mapParty(rows[0]), myRole: rows[0].my_role } : null;
    },

    /** The user's parties; their direct conversations are not parties and are listed by direct/. */
    async listOfUser(userId: string): Promise<MyPartyRecord[]> {
      const { rows } = await db.query<PartyRow & { my_role: Role }>(
        `SELECT ${PARTY_COLUMNS}, m.role AS my_role
           FROM parties p JOIN members m ON m.party_id = p.id AND m.user_id = $1
          WHERE p.kind = 'party'
          ORDER BY p.created_at, p.id`,
        [userId],
      );
      return rows.map((row) => ({ ...mapParty(row), myRole: row.my_role }));
    },

    /**
     * Locks the party row until the transaction ends; the first step of every change of a party, so its
     * changes (and their event versions) are serialised. Returns its name and kind, or null when it is
     * gone.
     */
    async lock(partyId: string): Promise<LockedParty | null> {
      const { rows } = await db.query<{ name: string; kind: PartyKind; pair: boolean }>(
        'SELECT name, kind, direct_key IS NOT NULL AS pair FROM parties WHERE id = $1 FOR UPDATE',
        [partyId],
      );
      return rows[0] ?? null;
    },

    async rename(partyId: string, name: string): Promise<void> {
      await db.query('UPDATE parties SET name = $2 WHERE id = $1', [partyId, name]);
    },

    /** Deletes the party and, by cascade, its members, bans, invites, topics, messages and read states. */
    async remove(partyId: string): Promise<void> {
      await db.query('DELETE FROM parties WHERE id = $1', [partyId]);
    },

    /**
     * Bumps the party's version by `count` (one per event) and returns the first new version and the name.
     * The row lock it takes orders concurrent changes of one party, so their events get versions in commit
     * order.
     */
    async bumpVersion(
      partyId: string,
      count: number,
    ): Promise<{ firstVersion: number; name: string; kind: PartyKind } | null> {
      const { rows } = await db.query<{ version: number; name: string; kind: PartyKind }>(
        'UPDATE parties SET version = version + $2 WHERE id = $1 RETURNING version, name, kind',
        [partyId, count],
      );
      const row = rows[0];
      return row ? { firstVersion: row.version - count + 1, name: row.name, kind: row.kind } : null;
    },
  };
}

export type PartiesRepository = ReturnType<typeof createPartiesRepository>;
