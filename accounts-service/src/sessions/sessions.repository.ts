// Refresh-token sessions. A family is the chain of tokens rotated from one sign-in.
import { isDuplicateKey } from '../db/duplicate-key.js';
import type { SessionDoc, SessionModel } from './sessions.model.js';

interface StoredSession {
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

export function createSessionRepository(sessions: SessionModel) {
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
     * Marks a token used, only if it is still current, so that exactly one of several concurrent refreshes of
     * the same token wins. The claim is an insert keyed by the token hash into `session_rotations`: a
     * primary-key insert is atomic on MongoDB and on FerretDB alike, whereas a conditional `updateOne` is
     * not atomic on FerretDB 1.x (two concurrent updates can both match `rotatedAt: null`).
     */
    async claimForRotation(hash: string, now: Date): Promise<boolean> {
      try {
        await sessions.db.collection('session_rotations').insertOne({ _id: hash, rotatedAt: now } as never);
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
      const result = await sessions.updateOne(
        { _id: hash, revokedAt: null, expiresAt: { $gt: now } },
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
