// Refresh-token sessions. A family is the chain of tokens rotated from one sign-in.
import type { Models, SessionDoc } from '../db/models.js';

export interface StoredSession {
  hash: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const toSession = (doc: SessionDoc): StoredSession => ({
  hash: doc._id,
  familyId: doc.familyId,
  userId: doc.userId,
  expiresAt: doc.expiresAt,
  rotatedAt: doc.rotatedAt ?? null,
  revokedAt: doc.revokedAt ?? null,
});

export function createSessionRepository(models: Models) {
  const { sessions } = models;
  return {
    async insert(s: { hash: string; familyId: string; userId: string; now: Date; expiresAt: Date }) {
      await sessions.collection.insertOne({
        _id: s.hash,
        familyId: s.familyId,
        userId: s.userId,
        createdAt: s.now,
        expiresAt: s.expiresAt,
        rotatedAt: null,
        revokedAt: null,
      } as never);
    },

    async findByHash(hash: string): Promise<StoredSession | null> {
      const doc = await sessions.findOne({ _id: hash }).lean<SessionDoc>();
      return doc ? toSession(doc) : null;
    },

    /**
     * Marks a token used, only if it is still current: the single conditional update that lets exactly one
     * of two concurrent refreshes of the same token win (no transactions needed).
     */
    async claimForRotation(hash: string, now: Date): Promise<boolean> {
      const result = await sessions.updateOne(
        { _id: hash, rotatedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { rotatedAt: now } },
      );
      return result.modifiedCount === 1;
    },

    async revokeFamily(familyId: string, now: Date): Promise<void> {
      await sessions.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } });
    },

    async revokeAllOfUser(userId: string, now: Date): Promise<void> {
      await sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
