// One test file's world: its own PostgreSQL database, its own Redis key/channel prefix, real signed tokens,
// and any number of gateway instances (each a real HTTP server on port 0 running the real services).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import pino from 'pino';
import { io as connect } from 'socket.io-client';

import { createServices, type Services } from '../../../src/app/services.js';
import {
  type BatchingOptions,
  createRealtime,
  type Realtime,
  type SendLimit,
} from '../../../src/realtime/gateway.js';
import type { RedisSource } from '../../../src/realtime/redis.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { randomSuffix, stackEnv } from '../../helpers/env.js';
import { createTestAuth, type TestAuth } from './auth.js';
import type { TestClient } from './wait.js';

export const ORIGIN = 'http://partyline.test';

export interface TestUser {
  id: string;
  username: string;
}

export interface Gateway {
  url: string;
  realtime: Realtime;
  services: Services;
  close(): Promise<void>;
}

export interface GatewayOptions {
  redis?: RedisSource;
  sendLimit?: SendLimit;
  instanceId?: string;
  /** Coalesced deliveries (realtime/batching.ts): tuned, or off. */
  batching?: Partial<BatchingOptions> | false;
}

type Token = string | (() => string);
interface ConnectOptions {
  origin?: string;
  /** Automatic reconnection, off by default so a test sees every drop. */
  reconnection?: boolean;
  /** Ask for coalesced deliveries (`batch` events) in the handshake, as the browser client does. */
  batch?: boolean;
}

export interface World {
  db: TestDatabase;
  auth: TestAuth;
  keyPrefix: string;
  startGateway(options?: GatewayOptions): Promise<Gateway>;
  /**
   * Connects a client and waits for the outcome: the connected socket, or the connect_error. `token` may be
   * a function, called on every (re)connect like the browser client's auth callback.
   */
  connect(gateway: Gateway, token: Token, options?: ConnectOptions): Promise<TestClient>;
  connectError(gateway: Gateway, token: Token, options?: ConnectOptions): Promise<Error & { data?: unknown }>;
  /** `connect` with a fresh standard token signed for `user`. */
  connectAs(gateway: Gateway, user: TestUser, options?: ConnectOptions): Promise<TestClient>;
  user(name?: string): TestUser;
  close(): Promise<void>;
}

// Fast heartbeats so that a dead instance is noticed within about a second.
export const PRESENCE_TIMING = { heartbeatMs: 150, instanceTtlMs: 900 };

export async function createWorld(options: { keyPrefix?: string } = {}): Promise<World> {
  const db = await createTestDatabase();
  const auth = createTestAuth();
  const keyPrefix = options.keyPrefix ?? `t_${randomSuffix()}:`;
  const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const gateways: Gateway[] = [];
  const clients: TestClient[] = [];

  const open = (gateway: Gateway, token: Token, options: ConnectOptions): TestClient => {
    const client: TestClient = connect(gateway.url, {
      transports: ['websocket'],
      auth: (cb) =>
        cb({
          token: typeof token === 'string' ? token : token(),
          ...(options.batch === undefined ? {} : { batch: options.batch }),
        }),
      extraHeaders: { origin: options.origin ?? ORIGIN },
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 50,
      forceNew: true,
    });
    clients.push(client);
    return client;
  };

  const connected = (gateway: Gateway, token: Token, options: ConnectOptions = {}): Promise<TestClient> => {
    const client = open(gateway, token, options);
    return new Promise((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('connect_error', (error) => reject(error));
    });
  };

  return {
    db,
    auth,
    keyPrefix,
    async startGateway(options = {}) {
      const httpServer = createServer();
      const realtime = await createRealtime({
        httpServer,
        verifier: auth.verifier,
        redis: options.redis ?? { url: stackEnv.redisUrl, clusterNodes: stackEnv.redisClusterNodes },
        allowedOrigins: [ORIGIN],
        logger,
        keyPrefix,
        presence: PRESENCE_TIMING,
        ...(options.sendLimit ? { sendLimit: options.sendLimit } : {}),
        ...(options.instanceId ? { instanceId: options.instanceId } : {}),
        ...(options.batching === undefined ? {} : { batching: options.batching }),
      });
      const services = createServices({
        pool: db.pool,
        notifier: realtime.notifier,
        presence: realtime.presence,
        limits: { send: realtime.sendRateLimit, invite: async () => undefined },
      });
      realtime.attach(services);
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      const { port } = httpServer.address() as AddressInfo;
      let closed = false;
      const gateway: Gateway = {
        url: `http://127.0.0.1:${port}`,
        realtime,
        services,
        async close() {
          if (closed) return;
          closed = true;
          await realtime.close();
          httpServer.closeAllConnections();
          await new Promise((resolve) => httpServer.close(resolve));
        },
      };
      gateways.push(gateway);
      return gateway;
    },
    connect: connected,
    connectAs: (gateway, user, options = {}) => connected(gateway, auth.token(user), options),
    connectError(gateway, token, options = {}) {
      const client = open(gateway, token, options);
      return new Promise((resolve, reject) => {
        client.once('connect', () => reject(new Error('the connection was accepted')));
        client.once('connect_error', (error) => resolve(error));
      });
    },
    user(name = 'user') {
      return { id: randomUUID(), username: `${name}_${randomSuffix()}` };
    },
    async close() {
      for (const client of clients) client.disconnect();
      await Promise.allSettled(gateways.map((gateway) => gateway.close()));
      await db.drop();
    },
  };
}

/**
 * A world with two gateway instances (`one`, `two`) sharing its database and Redis prefix, both started with
 * `options`. Close it with `world.close()`.
 */
export async function createTwoInstanceWorld(
  options: GatewayOptions = {},
  worldOptions: { keyPrefix?: string } = {},
): Promise<{ world: World; one: Gateway; two: Gateway }> {
  const world = await createWorld(worldOptions);
  try {
    const one = await world.startGateway(options);
    const two = await world.startGateway(options);
    return { world, one, two };
  } catch (error) {
    await world.close();
    throw error;
  }
}

/** A party owned by `owner` with `members` joined through a real invite; returns it with its first topic. */
export async function createParty(services: Services, owner: TestUser, members: TestUser[] = []) {
  const party = await services.parties.create(owner, { name: 'Board games' });
  if (members.length > 0) {
    const invite = await services.invites.create(owner, party.id, {});
    for (const member of members) await services.invites.accept(member, invite.code);
  }
  const [topic] = await services.topics.list(owner, party.id);
  if (!topic) throw new Error('a new party has a first topic');
  return { party, topic };
}
