// Refresh-token sessions. A family is the chain of tokens rotated from one sign-in. The only write of a
// rotation is the insert of the successor under its own hash: a primary-key insert is atomic on MongoDB and
// on FerretDB 1.x alike (where a conditional update is a read-modify-write without isolation).
import { isDuplicateKey } from '../db/duplicate-key.js';
import type { SessionDoc, SessionModel } from './sessions.model.js';

export interface StoredSession {
  hash: string;
  familyId: string;
  userId: string;
  parentHash: string | null;
  seed: string | null;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

interface NewSession {
  hash: string;
  familyId: string;
  userId: string;
  parentHash: string | null;
  seed: string;
  now: Date;
  expiresAt: Date;
}

const toSession = (doc: SessionDoc): StoredSession => ({
  hash: doc._id,
  familyId: doc.familyId,
  userId: doc.userId,
  parentHash: doc.parentHash ?? null,
  seed: doc.seed ?? null,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
  rotatedAt: doc.rotatedAt ?? null,
  revokedAt: doc.revokedAt ?? null,
});

export function createSessionRepository(sessions: SessionModel) {
  const seeds = sessions.db.collection<{ _id: string; seed: string }>('session_seeds');

  return {
    /** Inserts a session; false when one with this hash exists already (the token was rotated before). */
    async insert(s: NewSession): Promise<boolean> {
      try {
        await sessions.collection.insertOne({
          _id: s.hash,
          familyId: s.familyId,
          userId: s.userId,
          parentHash: s.parentHash,
          seed: s.seed,
          createdAt: s.now,
          expiresAt: s.expiresAt,
          rotatedAt: null,
          revokedAt: null,
        } as never);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },

    async findByHash(hash: string): Promise<StoredSession | null> {
      const doc = await sessions.findOne({ _id: hash }).lean<SessionDoc>();
      return doc ? toSession(doc) : null;
    },

    /**
     * The seed of a session issued before seeds existed: the first of any concurrent callers fixes it (a
     * primary-key insert), every later one reads that one back.
     */
    async seedFor(hash: string, proposed: string): Promise<string> {
      try {
        await seeds.insertOne({ _id: hash, seed: proposed });
        return proposed;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await seeds.findOne({ _id: hash });
        if (!existing) throw err;
        return existing.seed;
      }
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
