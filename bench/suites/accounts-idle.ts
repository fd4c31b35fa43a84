// 6. accounts-service at rest: the CPU that the service and its store (a private FerretDB process) spend
// per second while nothing happens, with 100 users and with 20,000 users in the database. Users (and one
// live session each) are bulk-inserted through the driver into a fresh database; then the real
// accounts-service (its main.ts, in a child process) is started on it, given time to settle, and the CPU
// time of both processes (/proc/<pid>/stat, utime + stime) is read over an idle window. The cost of doing
// nothing must not grow with the number of users: the figure is the ratio 20,000 / 100.
import { randomBytes, randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

import { startAccountsProcess } from '../lib/accounts-process.js';
import { onInterrupt } from '../lib/entry.js';
import { intEnv, runId, sleep, stack } from '../lib/env.js';
import { startPrivateFerretDb, type PrivateFerretDb } from '../lib/ferretdb.js';
import { processCpuMs } from '../lib/proc-cpu.js';
import { machineNote, table, verdict } from '../lib/stats.js';

interface SizeResult {
  users: number;
  seedSeconds: number;
  startSeconds: number;
  windowSeconds: number;
  /** CPU milliseconds per wall-clock second over the idle window. */
  serviceMsPerSecond: number;
  storeMsPerSecond: number;
  totalMsPerSecond: number;
}

export interface AccountsIdleResult {
  sizes: SizeResult[];
  ratios: { service: number; store: number; total: number };
  target: string;
  met: boolean;
  load: string;
}

const SEED_BATCH = 1000;

async function seed(client: MongoClient, dbName: string, users: number): Promise<number> {
  const started = Date.now();
  const db = client.db(dbName);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  for (let from = 0; from < users; from += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, users - from);
    const userDocs = Array.from({ length: count }, (_, i) => ({
      _id: randomUUID(),
      username: `bench_user_${from + i}`,
      displayName: `Bench User ${from + i}`,
      avatarUrl: null,
      verifiedEmails: [],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      version: 1,
      outbox: [],
    }));
    const sessionDocs = userDocs.map((user) => ({
      _id: randomBytes(32).toString('hex'),
      familyId: randomUUID(),
      userId: user._id,
      parentHash: null,
      seed: randomBytes(32).toString('base64url'),
      createdAt: now,
      expiresAt,
      rotatedAt: null,
      revokedAt: null,
    }));
    await db.collection('users').insertMany(userDocs as never[], { ordered: false });
    await db.collection('sessions').insertMany(sessionDocs as never[], { ordered: false });
  }
  return (Date.now() - started) / 1000;
}

async function deleteKafka(prefix: string): Promise<void> {
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
    await admin.deleteGroups([`${prefix}memberships`]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

async function measureSize(store: PrivateFerretDb, id: string, users: number): Promise<SizeResult> {
  const settleMs = intEnv('BENCH_ACCOUNTS_SETTLE_SECONDS', 10) * 1000;
  const windowMs = intEnv('BENCH_ACCOUNTS_SECONDS', 20) * 1000;
  const dbName = `bench_accounts_${id}_${users}`;
  const client = await MongoClient.connect(store.url);
  try {
    const seedSeconds = await seed(client, dbName, users);
    console.log(`  ${users.toLocaleString('en-US')} users seeded in ${seedSeconds.toFixed(1)} s`);
    const startedAt = Date.now();
    const service = await startAccountsProcess({
      mongoUrl: `${store.url}${dbName}`,
      redisUrl: stack.redisUrl,
      kafkaBrokers: stack.kafkaBrokers,
      userEventsTopic: `bench_${id}.user-events`,
      partyEventsTopic: `bench_${id}.party-events`,
      consumerGroup: `bench_${id}.memberships`,
      redisKeyPrefix: `bench_${id}:`,
    });
    const startSeconds = (Date.now() - startedAt) / 1000;
    try {
      // Start-up work (indexes, the relay's recovery pass, joining the consumer group) is over by then.
      await sleep(settleMs);
      const before = {
        service: processCpuMs(service.pid),
        store: processCpuMs(store.pid),
        at: performance.now(),
      };
      await sleep(windowMs);
      const after = {
        service: processCpuMs(service.pid),
        store: processCpuMs(store.pid),
        at: performance.now(),
      };
      const seconds = (after.at - before.at) / 1000;
      const serviceMsPerSecond = (after.service - before.service) / seconds;
      const storeMsPerSecond = (after.store - before.store) / seconds;
      return {
        users,
        seedSeconds,
        startSeconds,
        windowSeconds: seconds,
        serviceMsPerSecond,
        storeMsPerSecond,
        totalMsPerSecond: serviceMsPerSecond + storeMsPerSecond,
      };
    } finally {
      await service.stop();
    }
  } finally {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }
}

export async function main(): Promise<AccountsIdleResult> {
  const small = intEnv('BENCH_ACCOUNTS_SMALL', 100);
  const large = intEnv('BENCH_ACCOUNTS_LARGE', 20_000);
  const id = runId();
  console.log(
    `accounts-idle: idle CPU of accounts-service and a private FerretDB at ${small.toLocaleString('en-US')} and ` +
      `${large.toLocaleString('en-US')} users (settle ${intEnv('BENCH_ACCOUNTS_SETTLE_SECONDS', 10)} s, ` +
      `window ${intEnv('BENCH_ACCOUNTS_SECONDS', 20)} s)`,
  );
  const store = await startPrivateFerretDb();
  const cleanup = async () => {
    await store.stop().catch((error: unknown) => console.error('cleanup: ferretdb', error));
    await deleteKafka(`bench_${id}.`).catch((error: unknown) => console.error('cleanup: kafka', error));
  };
  const forget = onInterrupt(cleanup);
  const sizes: SizeResult[] = [];
  try {
    for (const users of [small, large]) sizes.push(await measureSize(store, id, users));
  } finally {
    forget();
    await cleanup();
  }
  const [a, b] = sizes as [SizeResult, SizeResult];
  // /proc counts CPU in clock ticks (10 ms): a process that used less than a tick in both windows is flat
  // (ratio 1) rather than 0/0.
  const tickMsPerSecond = 10 / (a.windowSeconds || 1);
  const ratio = (x: number, y: number) =>
    Math.max(x, y) < tickMsPerSecond ? 1 : y > 0 ? x / y : Number.POSITIVE_INFINITY;
  const ratios = {
    service: ratio(b.serviceMsPerSecond, a.serviceMsPerSecond),
    store: ratio(b.storeMsPerSecond, a.storeMsPerSecond),
    total: ratio(b.totalMsPerSecond, a.totalMsPerSecond),
  };
  // Flat: at most 1.5 × the small figure, plus 2 ms/s of allowance for a shared machine's noise.
  const met = b.totalMsPerSecond <= 1.5 * a.totalMsPerSecond + 2;
  const f = (value: number) => value.toFixed(2);
  table([
    ['users', 'seed s', 'start s', 'service ms/s', 'FerretDB ms/s', 'total ms/s'],
    ...sizes.map((s) => [
      s.users.toLocaleString('en-US'),
      s.seedSeconds.toFixed(1),
      s.startSeconds.toFixed(1),
      f(s.serviceMsPerSecond),
      f(s.storeMsPerSecond),
      f(s.totalMsPerSecond),
    ]),
    ['ratio', '', '', f(ratios.service), f(ratios.store), f(ratios.total)],
  ]);
  const target = `idle CPU at ${large.toLocaleString('en-US')} users ≤ 1.5 × at ${small.toLocaleString('en-US')} (+ 2 ms/s)`;
  const load = machineNote();
  console.log(`  ${target}: ${verdict(met)}; ${load}`);
  return { sizes, ratios, target, met, load };
}
