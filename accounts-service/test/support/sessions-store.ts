// Reads the sessions collection directly, to assert what the store holds after refreshes and crashes.
import { randomUUID } from 'node:crypto';

import { MongoClient } from 'mongodb';

import { hashRefreshToken } from '../../src/sessions/refresh-token.js';

interface SessionRow {
  _id: string;
  familyId: string;
  parentHash: string | null;
  revokedAt: Date | null;
}

export async function openSessionsStore(mongoUrl: string) {
  const client = await MongoClient.connect(mongoUrl);
  const sessions = client.db().collection<SessionRow>('sessions');
  return {
    /** The family of a token, or undefined when the store does not know it. */
    async familyOf(token: string): Promise<string | undefined> {
      return (await sessions.findOne({ _id: hashRefreshToken(token) }))?.familyId;
    },
    /** Whether the store holds a successor of this token (its rotation was written). */
    async wasRotated(token: string): Promise<boolean> {
      return (await sessions.countDocuments({ parentHash: hashRefreshToken(token) })) > 0;
    },
    /** How many tokens of these families are revoked. */
    async revokedIn(familyIds: string[]): Promise<number> {
      return sessions.countDocuments({ familyId: { $in: familyIds }, revokedAt: { $ne: null } });
    },
    /** Stores a token as the rotation scheme before derived successors did: no seed, no parent. */
    async insertLegacy(token: string, fields: { userId: string; rotatedAt: Date | null }): Promise<string> {
      const familyId = randomUUID();
      const now = new Date();
      await sessions.insertOne({
        _id: hashRefreshToken(token),
        familyId,
        userId: fields.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
        rotatedAt: fields.rotatedAt,
        revokedAt: null,
      } as never);
      return familyId;
    },
    close: () => client.close(),
  };
}
