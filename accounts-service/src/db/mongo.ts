// The one mongoose connection of a service instance. Models are bound to it rather than to the global
// mongoose, so tests can run several services in one process. Indexes are created explicitly at start
// (autoIndex off), kept within what both MongoDB and FerretDB 1.x support: no transactions, TTL or text
// indexes, no `select: false` (FerretDB rejects findOneAndUpdate projections).
import mongoose from 'mongoose';
import type { Connection, mongo } from 'mongoose';

interface MongoStore {
  connection: Connection;
  /** The native database: readiness pings it, the outbox relay reads the users collection through it. */
  db: mongo.Db;
}

export async function connectMongo(url: string): Promise<MongoStore> {
  const connection = await mongoose.createConnection(url, { autoIndex: false }).asPromise();
  const db = connection.db;
  if (!db) throw new Error('MongoDB connection has no database');
  return { connection, db };
}

export async function ensureIndexes(models: { createIndexes(): Promise<unknown> }[]): Promise<void> {
  for (const model of models) await model.createIndexes();
}

/** Codes with which a store refuses an index option it does not have (FerretDB 1.x: 238 NotImplemented). */
const UNSUPPORTED_INDEX_OPTION = new Set([238, 67, 197]);

/**
 * Expiry of `field` (a Date) by the store itself where it can: a TTL index on MongoDB, which removes a
 * document about a minute after `field + expireAfterSeconds`. FerretDB 1.x refuses TTL indexes; there the
 * same key gets a plain index and the caller's own sweep does the removal. Returns which one exists.
 */
export async function ensureExpiryIndex(
  collection: Pick<mongo.Collection, 'createIndex'>,
  field: string,
  expireAfterSeconds: number,
): Promise<'ttl' | 'plain'> {
  try {
    await collection.createIndex({ [field]: 1 }, { expireAfterSeconds });
    return 'ttl';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'number' || !UNSUPPORTED_INDEX_OPTION.has(code)) throw err;
    await collection.createIndex({ [field]: 1 });
    return 'plain';
  }
}
