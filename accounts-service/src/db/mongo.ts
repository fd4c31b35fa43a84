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
