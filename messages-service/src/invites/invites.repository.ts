import type { Queryable } from '../db/pool.js';

export interface InviteRecord {
  id: string;
  partyId: string;
  createdBy: string | null;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
  createdAt: Date;
}

interface InviteRow {
  id: string;
  party_id: string;
  created_by: string | null;
  expires_at: Date | null;
  max_uses: number | null;
  uses: number;
  revoked_at: Date | null;
  created_at: Date;
}

const INVITE_COLUMNS = 'id, party_id, created_by, expires_at, max_uses, uses, revoked_at, created_at';

const mapInvite = (row: InviteRow): InviteRecord => ({
  id: row.id,
  partyId: row.party_id,
  createdBy: row.created_by,
  expiresAt: row.expires_at,
  maxUses: row.max_uses,
  uses: row.uses,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
});

/** An invite is usable while not revoked, not expired and not used up. */
const USABLE = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses < max_uses)`;

export function createInvitesRepository(db: Queryable) {
  return {
    async insert(invite: {
      partyId: string;
      codeHash: Buffer;
      createdBy: string;
      expiresInSeconds: number | null;
      maxUses: number | null;
    }): Promise<InviteRecord> {
      const { rows } = await db.query<InviteRow>(
        `INSERT INTO invites (party_id, code_hash, created_by, expires_at, max_uses)
     VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + make_interval(secs => $4::int) END, $5)
     RETURNING ${INVITE_COLUMNS}`,
        [invite.partyId, invite.codeHash, invite.createdBy, invite.expiresInSeconds, invite.maxUses],
      );
      return mapInvite(rows[0]!);
    },

    async list(partyId: string): Promise<InviteRecord[]> {
      const { rows } = await db.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE party_id = $1 ORDER BY created_at, id`,
        [partyId],
      );
      return rows.map(mapInvite);
    },

    /** Revokes an invite of the party; false when there is no such invite. */
    async revoke(partyId: string, inviteId: string): Promise<boolean> {
      const { rowCount } = await db.query(
        'UPDATE invites SET revoked_at = COALESCE(revoked_at, now()) WHERE party_id = $1 AND id = $2',
        [partyId, inviteId],
      );
      return rowCount === 1;
    },

    /** The party of a usable invite, or null for a bad, expired, revoked or used-up code. */
    async findUsablePartyId(codeHash: Buffer): Promise<string | null> {
      const { rows } = await db.query<{ party_id: string }>(
        `SELECT party_id FROM invites WHERE code_hash = $1 AND ${USABLE}`,
        [codeHash],
      );
      return rows[0]?.party_id ?? null;
    },

    /**
     * Takes one use of the invite in a single conditional UPDATE, so concurrent redemptions never exceed
     * max_uses (a waiting UPDATE re-checks the condition on the row it finally locks). Null when unusable.
     */
    async consumeUse(codeHash: Buffer): Promise<string | null> {
      const { rows } = await db.query<{ party_id: string }>(
        `UPDATE invites SET uses = uses + 1 WHERE code_hash = $1 AND ${USABLE} RETURNING party_id`,
        [codeHash],
      );
      return rows[0]?.party_id ?? null;
    },
  };
}

export type InvitesRepository = ReturnType<typeof createInvitesRepository>;
