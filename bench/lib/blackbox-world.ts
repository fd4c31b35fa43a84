// The black-box benchmark's private corner: an empty database `bench_<random>` on the shared PostgreSQL
// (the service migrates it itself at start), a private redis-server (lib/redis-process.ts), a loopback JWKS
// endpoint the service is configured to trust (JWKS_URL) with tokens signed by the bench's own key, and a
// Kafka address nobody listens on. `cleanup()` drops the database and stops what it started.
//
// Why no Kafka: messages-service takes no topic names or consumer group from its environment, so on the
// shared broker it would join the running app's `messages-service.users` group (taking partitions from it)
// and publish this run's party events on the shared `party-events` topic. With the broker unreachable the
// service starts anyway (ensureTopics retries in the background), users are created from their tokens when
// they create or join a party, and the outbox rows stay in this run's database, dropped at the end.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import pg from 'pg';

import { createBenchAuth, type BenchAuth } from './auth.js';
import { onInterrupt } from './entry.js';
import { runId, stack } from './env.js';
import { freePort } from './ports.js';
import { startPrivateRedis, type PrivateRedis } from './redis-process.js';
import type { ServiceEnv } from './service-process.js';

export interface BlackBoxWorld {
  id: string;
  databaseName: string;
  databaseUrl: string;
  redis: PrivateRedis;
  auth: BenchAuth;
  jwksUrl: string;
  serviceEnv(instanceId?: string): ServiceEnv;
  /** A client on this run's database, for seeding and for finding its backends' pids. */
  sql(): Promise<pg.Client>;
  cleanup(): Promise<void>;
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: stack.postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createBlackBoxWorld(): Promise<BlackBoxWorld> {
  const id = runId();
  const databaseName = `bench_${id}`;
  await adminQuery(`CREATE DATABASE ${databaseName}`);
  const url = new URL(stack.postgresUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  let redis: PrivateRedis | undefined;
  let jwks: Server | undefined;
  let done = false;
  const cleanup = async () => {
    if (done) return;
    done = true;
    forget();
    if (jwks) {
      jwks.closeAllConnections();
      await new Promise((resolve) => jwks!.close(resolve));
    }
    await redis?.stop().catch((error: unknown) => console.error('cleanup: redis', error));
    await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch((error: unknown) =>
      console.error('cleanup: database', error),
    );
  };
  const forget = onInterrupt(cleanup);
  try {
    redis = await startPrivateRedis();
    const auth = createBenchAuth(6 * 3600);
    await auth.selfCheck();
    const body = JSON.stringify(auth.jwks);
    const server = createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' }).end(body);
      } else res.writeHead(404).end();
    });
    jwks = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const kafkaNowhere = `127.0.0.1:${await freePort()}`;
    const privateRedis = redis;
    return {
      id,
      databaseName,
      databaseUrl,
      redis: privateRedis,
      auth,
      jwksUrl,
      serviceEnv: (instanceId) => ({
        postgresUrl: databaseUrl,
        redisUrl: privateRedis.url,
        kafkaBrokers: [kafkaNowhere],
        jwksUrl,
        redisKeyPrefix: `bench_${id}:`,
        ...(instanceId === undefined ? {} : { instanceId }),
      }),
      async sql() {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        return client;
      },
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The pids of this database's backends right now (the service's pool connections). */
export async function backendPids(client: pg.Client, databaseName: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [databaseName],
  );
  return rows.map((row) => row.pid);
}
