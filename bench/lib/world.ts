// One benchmark's private corner of the shared stack: its own database, Redis key prefix, Kafka topic
// names and consumer group, and signing key; `cleanup()` removes all of it.
import { Kafka, logLevel } from 'kafkajs';
import { createClient } from 'redis';

import { createBenchAuth, type BenchAuth } from './auth.js';
import { onInterrupt } from './entry.js';
import type { HandshakeAuth } from './clients.js';
import { createBenchDatabase, type BenchDatabase } from './db.js';
import { ORIGIN, runId, stack } from './env.js';
import type { BenchUser } from './auth.js';
import type { ServerSpec } from './server-host.js';

export interface BenchWorld {
  id: string;
  db: BenchDatabase;
  auth: BenchAuth;
  keyPrefix: string;
  /** The spec of a messages-service instance in this world (`kind` app by default). */
  appSpec(overrides?: Partial<Extract<ServerSpec, { kind: 'app' | 'composed' }>>): ServerSpec;
  handshake(user: BenchUser, room: string): HandshakeAuth;
  cleanup(): Promise<void>;
}

export async function createBenchWorld(): Promise<BenchWorld> {
  const id = runId();
  const db = await createBenchDatabase();
  const auth = createBenchAuth();
  await auth.selfCheck();
  const keyPrefix = `bench_${id}:`;
  const topics = { userEvents: `bench_${id}.user-events`, partyEvents: `bench_${id}.party-events` };
  const usersGroupId = `bench_${id}.users`;
  let forget: () => void = () => undefined;
  const cleanup = async () => {
    forget();
    await db.drop().catch((error: unknown) => console.error('cleanup: database', error));
    await deleteRedisKeys(keyPrefix).catch((error: unknown) => console.error('cleanup: redis', error));
    await deleteKafkaTopics(`bench_${id}.`, usersGroupId).catch((error: unknown) =>
      console.error('cleanup: kafka', error),
    );
  };
  forget = onInterrupt(cleanup);
  return {
    id,
    db,
    auth,
    keyPrefix,
    appSpec: (overrides = {}) => ({
      kind: 'app',
      postgresUrl: db.url,
      redisUrl: stack.redisUrl,
      kafkaBrokers: stack.kafkaBrokers,
      jwks: auth.jwks,
      origin: ORIGIN,
      keyPrefix,
      topics,
      usersGroupId,
      ...overrides,
    }),
    handshake: (user, room) => ({ token: auth.token(user), room, userId: user.id, username: user.username }),
    cleanup,
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = createClient({ url: stack.redisUrl, RESP: 2 });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}

async function deleteKafkaTopics(prefix: string, groupId: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench-cleanup',
    brokers: stack.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
