// Refresh-token sessions. A family is the chain of tokens rotated from one sign-in. The only write of a
// rotation is the insert of the successor under its own hash: a primary-key insert is atomic on MongoDB and
// on FerretDB 1.x alike (where a conditional update is a read-modify-write without isolation).
import { isDuplicateKey } from '../db/duplicate-key.js';
import { ensureExpiryIndex } from '../db/mongo.js';
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

interface SeedDoc {
  _id: string;
  seed: string;
  /** The session's own expiry (absent on seeds stored before pruning existed). */
  expiresAt?: Date;
}

/** The claim collection of the rotation scheme before derived successors; nothing reads it any more. */
const LEGACY_ROTATIONS = 'session_rotations';

export function createSessionRepository(sessions: SessionModel) {
  const db = sessions.db.getClient().db(sessions.db.name);
  const seeds = db.collection<SeedDoc>('session_seeds');
  const sessionsCollection = db.collection<{ _id: string; expiresAt: Date }>(
    sessions.collection.collectionName,
  );

  /** Deletes at most `limit` documents of `collection` whose `expiresAt` is before `before`. */
  async function deleteExpiredBatch(
    collection: typeof seeds | typeof sessionsCollection,
    before: Date,
    limit: number,
  ): Promise<number> {
    const expired = { expiresAt: { $lt: before } };
    const ids = (
      await collection
        .find(expired, { projection: { _id: 1 } })
        .limit(limit)
        .toArray()
    ).map((doc) => doc._id);
    if (ids.length === 0) return 0;
    return (await collection.deleteMany({ _id: { $in: ids }, ...expired })).deletedCount;
  }

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
    async seedFor(hash: string, proposed: string, expiresAt: Date): Promise<string> {
      try {
        await seeds.insertOne({ _id: hash, seed: proposed, expiresAt });
        return proposed;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await seeds.findOne({ _id: hash });
        if (!existing) throw err;
        return existing.seed;
      }
    },

    /**
     * Expiry by the store where it has TTL indexes (MongoDB), `retentionSeconds` after a session's
     * `expiresAt`; elsewhere (FerretDB) a plain index and the pruner's sweep. Drops the former claim
     * collection (a no-op once it is gone). Returns which kind of index the sessions got.
     */
    async ensureExpiry(retentionSeconds: number): Promise<'ttl' | 'plain'> {
      const kind = await ensureExpiryIndex(sessionsCollection, 'expiresAt', retentionSeconds);
      await ensureExpiryIndex(seeds, 'expiresAt', retentionSeconds);
      await db.dropCollection(LEGACY_ROTATIONS).catch(() => false); // absent: nothing to drop
      return kind;
    },

    /** Deletes at most `limit` sessions that expired before `before`; returns how many. */
    deleteExpired(before: Date, limit: number): Promise<number> {
      return deleteExpiredBatch(sessionsCollection, before, limit);
    },

    /**
     * Deletes at most `limit` seeds of sessions that expired before `before`. A seed stored before seeds
     * carried their session's expiry gets it from its session (or is deleted with it, once it is gone).
     */
    async deleteExpiredSeeds(before: Date, limit: number): Promise<number> {
      let deleted = await deleteExpiredBatch(seeds, before, limit);
      const undated = await seeds
        .find({ expiresAt: { $exists: false } })
        .limit(limit)
        .toArray();
      for (const seed of undated) {
        const session = await sessionsCollection.findOne({ _id: seed._id }, { projection: { expiresAt: 1 } });
        if (!session || session.expiresAt < before) {
          deleted += (await seeds.deleteOne({ _id: seed._id })).deletedCount;
        } else {
          await seeds.updateOne({ _id: seed._id }, { $set: { expiresAt: session.expiresAt } });
        }
      }
      return deleted;
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
