// When PostgreSQL or Redis goes away, a send answers at once: SERVICE.UNAVAILABLE (503 with Retry-After,
// the same code in the ack) while the database is unreachable, and success without the shared rate limit
// while Redis is (the limit counts in memory meanwhile). The stores sit behind TCP proxies of this file, so
// the shared servers keep running for everyone else. When they are back, the same nonce stores the message
// once.
import type { ClientToServerEvents, ServerToClientEvents } from '@partyline/contracts';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRedisRateLimit } from '../../src/app/rate-limit.js';
import { stackEnv } from '../helpers/env.js';
import {
  createSharedSetup,
  startTestService,
  TEST_ORIGIN,
  type SharedSetup,
  type TestService,
  type TestUser,
} from '../helpers/service.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: SharedSetup;
let pgProxy: TcpProxy;
let redisProxy: TcpProxy;
let t: TestService;
const clients: Client[] = [];

beforeAll(async () => {
  shared = await createSharedSetup();
  pgProxy = await startTcpProxy(shared.db.url);
  redisProxy = await startTcpProxy(stackEnv.redisUrl);
  // This file's instance reaches both stores through the proxies; the test itself reads the database directly.
  const direct = stackEnv.redisUrl;
  stackEnv.redisUrl = redisProxy.url(direct);
  try {
    t = await startTestService({
      shared: { ...shared, db: { ...shared.db, url: pgProxy.url(shared.db.url) } },
    });
  } finally {
    stackEnv.redisUrl = direct;
  }
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  pgProxy?.restore();
  redisProxy?.restore();
  await t?.close();
  await shared?.db.drop();
  await pgProxy?.close();
  await redisProxy?.close();
});

async function connectSocket(user: TestUser): Promise<Client> {
  const client: Client = connect(t.service.url, {
    transports: ['websocket'],
    auth: (cb) => cb({ token: user.token }),
    extraHeaders: { origin: TEST_ORIGIN },
    reconnection: false,
    forceNew: true,
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return client;
}

const sendOverSocket = (client: Client, payload: { topicId: string; body: string; nonce: string }) =>
  (client.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
    'message:send',
    payload,
  ) as Promise<{ ok: boolean; message?: { id: string }; error?: Record<string, unknown> }>;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

async function topicOf(owner: TestUser): Promise<string> {
  const party = await t.api(owner, 'POST', '/api/parties', { name: 'Outages' });
  const topics = await t.api(owner, 'GET', `/api/parties/${party.body.id}/topics`);
  return topics.body[0].id;
}

const storedCount = async (nonce: string) =>
  (await shared.db.pool.query('SELECT count(*)::int AS n FROM messages WHERE nonce = $1', [nonce])).rows[0].n;

describe('a send while a store is away', () => {
  it('when PostgreSQL is unreachable, a send answers SERVICE.UNAVAILABLE within 2 s over REST and socket; once it is back the same nonce stores the message once', async () => {
    const owner = t.user();
    const topicId = await topicOf(owner);
    const client = await connectSocket(owner);

    pgProxy.cut();
    const rest = await timed(() =>
      t.api(owner, 'POST', `/api/topics/${topicId}/messages`, { body: 'hello?', nonce: 'outage-pg-rest' }),
    );
    const socket = await timed(() =>
      sendOverSocket(client, { topicId, body: 'hello?', nonce: 'outage-pg-socket' }),
    );
    console.warn(`postgres cut: REST ${rest.result.status} in ${rest.ms} ms, socket ack in ${socket.ms} ms`);

    expect(rest.result.status).toBe(503);
    expect(rest.result.body.error.code).toBe('SERVICE.UNAVAILABLE');
    expect(Number(rest.result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(rest.ms).toBeLessThan(2_000);
    expect(socket.result).toMatchObject({
      ok: false,
      error: { code: 'SERVICE.UNAVAILABLE', retryAfterSeconds: expect.any(Number) },
    });
    expect(socket.ms).toBeLessThan(2_000);

    pgProxy.restore();
    const retried = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'hello?',
      nonce: 'outage-pg-rest',
    });
    expect(retried.status).toBe(201);
    expect(
      await sendOverSocket(client, { topicId, body: 'hello?', nonce: 'outage-pg-socket' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await storedCount('outage-pg-rest')).toBe(1);
    expect(await storedCount('outage-pg-socket')).toBe(1);
  });

  it('when PostgreSQL is unreachable, a new socket is refused with SERVICE.UNAVAILABLE (not INTERNAL), and connects once it is back', async () => {
    const owner = t.user();
    await topicOf(owner);
    pgProxy.cut();
    try {
      const refused = await timed(() =>
        connectSocket(owner).then(
          () => null,
          (error: { data?: { code?: string } }) => error,
        ),
      );
      console.warn(`postgres cut: handshake refused in ${refused.ms} ms`);
      expect(refused.result?.data?.code).toBe('SERVICE.UNAVAILABLE');
      expect(refused.ms).toBeLessThan(2_000);
    } finally {
      pgProxy.restore();
    }
    const client = await connectSocket(owner);
    expect(client.connected).toBe(true);
  });

  it('when Redis is unreachable, a send still succeeds within 2 s over REST and socket (the rate limit counts in memory), and a retry stores nothing twice', async () => {
    const owner = t.user();
    const topicId = await topicOf(owner);
    const client = await connectSocket(owner);

    redisProxy.cut();
    const rest = await timed(() =>
      t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
        body: 'still here',
        nonce: 'outage-redis-rest',
      }),
    );
    const socket = await timed(() =>
      sendOverSocket(client, { topicId, body: 'still here', nonce: 'outage-redis-socket' }),
    );
    console.warn(`redis cut: REST ${rest.result.status} in ${rest.ms} ms, socket ack in ${socket.ms} ms`);

    expect(rest.result.status).toBe(201);
    expect(rest.ms).toBeLessThan(2_000);
    expect(socket.result).toMatchObject({ ok: true });
    expect(socket.ms).toBeLessThan(2_000);

    redisProxy.restore();
    const retried = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'still here',
      nonce: 'outage-redis-rest',
    });
    expect(retried.status).toBe(200);
    expect(await storedCount('outage-redis-rest')).toBe(1);
    expect(await storedCount('outage-redis-socket')).toBe(1);
  });

  it('when Redis is unreachable, the rate limit still refuses a user over it, from memory, at once', async () => {
    const proxy = await startTcpProxy(stackEnv.redisUrl);
    const client = createClient({ url: proxy.url(stackEnv.redisUrl), RESP: 2 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const limit = createRedisRateLimit(
        client,
        `t_rl_${Date.now()}:`,
        { points: 3, windowSeconds: 60 },
        'tries',
      );
      proxy.cut();
      const started = performance.now();
      // The count starts afresh in memory: three, then refused.
      await limit('u1');
      await limit('u1');
      await limit('u1');
      await expect(limit('u1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      proxy.restore();
      await client.close().catch(() => undefined);
      await proxy.close();
    }
  });
});
