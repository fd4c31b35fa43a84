// The real-time gateway of messages-service: socket.io on the service's HTTP server, joined to the other
// instances through the Redis sharded adapter. Built in two steps so the notifier and the presence store
// exist before the services (which need them) and the handlers are registered after them (they need the
// services); app/start.ts does:
//
//   const realtime = await createRealtime({ httpServer, verifier, redis: { url }, allowedOrigins, logger });
//   const services = createServices({ pool, notifier: realtime.notifier, presence: realtime.presence, … });
//   realtime.attach(services);
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';

import { type AccessTokenVerifier, socketAuth } from '@partyline/auth';
import { MESSAGE_BODY_MAX } from '@partyline/contracts';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { Registry } from 'prom-client';
import { Server } from 'socket.io';

import type { Notifier } from '../shared/notifier.js';
import type { OnlineUsers } from '../shared/online-users.js';
import { type BatchingOptions, createBatching, DEFAULT_BATCHING } from './batching.js';
import { createHandlers, registerHandlers } from './handlers.js';
import type { Logger } from './logger.js';
import { loadMemberships } from './memberships.middleware.js';
import { createRealtimeMetrics } from './metrics.js';
import { createPresence } from './presence-store.js';
import { connectRedis, type RedisSource, reportingUnsubscribes } from './redis.js';
import { createSendLimiter, DEFAULT_SEND_LIMIT, type SendLimit } from './send-limiter.js';
import type { RealtimeServices } from './services.js';
import { announce, startSession } from './session.js';
import { createSocketNotifier } from './socket-notifier.js';
import { createTasks } from './tasks.js';
import type { RealtimeServer } from './types.js';

export type { BatchingOptions } from './batching.js';
export type { SendLimit } from './send-limiter.js';

interface RealtimeOptions {
  httpServer: HttpServer;
  verifier: AccessTokenVerifier;
  /** A URL (the gateway opens and closes its own connections) or two connected clients, one per instance. */
  redis: RedisSource;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Prefixes every Redis key and adapter channel; tests use a random one to stay apart. */
  keyPrefix?: string;
  instanceId?: string;
  sendLimit?: SendLimit;
  presence?: { heartbeatMs: number; instanceTtlMs: number };
  /**
   * Coalesced deliveries for clients that ask for them (batching.ts); `false` sends one packet per event to
   * every client.
   */
  batching?: Partial<BatchingOptions> | false;
}

export interface Realtime {
  io: RealtimeServer;
  notifier: Notifier;
  /** Who is online on any instance; pass it to createServices as `presence`. */
  presence: OnlineUsers;
  /**
   * The per-user send limit, counted in Redis across instances; pass it to createServices as
   * `limits.send` so socket and REST sends share it. Throws RATE_LIMITED.
   */
  sendRateLimit: (userId: string) => Promise<void>;
  /** Adds the gateway's metrics (connected sockets, event handling time) to the app's registry. */
  registerMetrics(registry: Registry): void;
  /** Registers the event handlers; connections are refused until then. */
  attach(services: RealtimeServices): void;
  /** Disconnects this instance's sockets and leaves the cluster (the HTTP server is the caller's to close). */
  close(): Promise<void>;
}

export async function createRealtime(options: RealtimeOptions): Promise<Realtime> {
  const { logger } = options;
  const keyPrefix = options.keyPrefix ?? 'partyline:';
  const instanceId = options.instanceId ?? randomUUID();
  const onRedisError = (error: unknown) => logger.error({ err: error }, 'realtime: redis error');
  const redis = await connectRedis(options.redis, onRedisError);

  const io: RealtimeServer = new Server(options.httpServer, {
    // "static": every broadcast and room change of the namespace travels on one channel, so each instance
    // applies them in the order they were published (a join or leave is never overtaken by the next
    // broadcast, as it can be across the per-room channels of the "dynamic" mode).
    adapter: createShardedAdapter(redis.pub, reportingUnsubscribes(redis.sub, onRedisError), {
      channelPrefix: `${keyPrefix}socket.io`,
      subscriptionMode: 'static',
    }),
    // Origins are checked by socketAuth; CORS only has to let the allowed ones read the polling replies.
    cors: { origin: [...options.allowedOrigins], credentials: false },
    serveClient: false,
    // The largest client payload is a message of MESSAGE_BODY_MAX characters (at most 6 bytes each once
    // JSON-escaped); refuse anything far bigger.
    maxHttpBufferSize: Math.max(64 * 1024, 6 * MESSAGE_BODY_MAX + 1024),
  });

  let services: RealtimeServices | undefined;
  const tasks = createTasks(logger);

  const partiesOf = async (userId: string) => (services ? services.parties.listMembershipIds(userId) : []);
  const announceAll = (userIds: string[], online: boolean, what: string) => {
    for (const userId of userIds) {
      tasks.track(
        partiesOf(userId).then((partyIds) => announce(io, userId, partyIds, online)),
        what,
      );
    }
  };

  const presence = createPresence({
    redis: redis.pub,
    keyPrefix,
    instanceId,
    heartbeatMs: options.presence?.heartbeatMs ?? 5_000,
    instanceTtlMs: options.presence?.instanceTtlMs ?? 15_000,
    onReaped: (userIds) => announceAll(userIds, false, 'presence: announcing users of a dead instance'),
    onRestored: (userIds) => announceAll(userIds, true, 'presence: announcing users of a restored instance'),
    onError: (error) => logger.error({ err: error }, 'presence: heartbeat failed'),
  });
  await presence.start();

  const notifier = createSocketNotifier(io, {
    memberJoined: (partyId, userId) => {
      const online = presence.online([userId]).then((found) => {
        if (found.length > 0) announce(io, userId, [partyId], true);
      });
      tasks.track(online, 'presence: announcing a new member');
    },
  });

  io.use(socketAuth(options.verifier, { allowedOrigins: options.allowedOrigins }));
  io.use(loadMemberships(() => services, logger));

  const metrics = createRealtimeMetrics(io);
  // Before any other connection listener: the socket's writes are batched from its first room join on.
  if (options.batching !== false) {
    const batching = createBatching({ ...DEFAULT_BATCHING, ...options.batching }, metrics.batchWritten);
    io.on('connection', (socket) => batching.adopt(socket));
  }
  const sendLimiter = createSendLimiter(redis.pub, keyPrefix, options.sendLimit ?? DEFAULT_SEND_LIMIT);

  return {
    io,
    notifier,
    presence: { online: (userIds) => presence.online(userIds) },
    sendRateLimit: sendLimiter,
    registerMetrics: (registry) => metrics.register(registry),
    attach(attached) {
      services = attached;
      const handlers = createHandlers({ services: attached, logger, metrics });
      io.on('connection', (socket) => {
        registerHandlers(socket, handlers);
        startSession(socket, {
          io,
          presence,
          tasks,
          memberships: (userId) => attached.parties.listMembershipIds(userId),
        });
      });
    },
    async close() {
      io.local.disconnectSockets(true);
      io.engine.close();
      await tasks.settled();
      await presence.stop().catch(onRedisError);
      await Promise.resolve(io.of('/').adapter.close());
      await redis.close();
    },
  };
}
