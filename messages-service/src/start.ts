// Starts the whole service: migrations, Kafka topics, PostgreSQL pool, Redis, the socket.io gateway, the
// REST app, the outbox relay and the users consumer. Tests call it with port 0 and their own names.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAccessTokenVerifier, createJwksKeyResolver, type AccessTokenVerifier } from '@partyline/auth';
import { Topics } from '@partyline/contracts';
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  startPgOutboxRelay,
  type ConsumerHandle,
} from '@partyline/events';
import { pino, type Logger } from 'pino';
import { createClient } from 'redis';

import { createApp } from './app.js';
import type { MessagesConfig } from './config.js';
import { startUserEventsConsumer } from './consumers/user-events.consumer.js';
import { runMigrations } from './db/migrate.js';
import { createPool } from './db/pool.js';
import { healthCheckers } from './http/health.js';
import { createRedisRateLimit, DEFAULT_INVITE_LIMIT, type LimitSpec } from './rate-limit.js';
import { createRealtime, type Realtime, type SendLimit } from './realtime/index.js';
import { createServices, type Services } from './services/index.js';

export interface StartOptions {
  logger?: Logger;
  /** Defaults to a JWKS resolver on config.jwksUrl. */
  verifier?: AccessTokenVerifier;
  /** Prefix of every Redis key and adapter channel (default `partyline:`). */
  redisKeyPrefix?: string;
  topics?: { userEvents: string; partyEvents: string };
  /** Consumer group of the users copy (default `messages-service.users`). */
  usersGroupId?: string;
  sendLimit?: SendLimit;
  inviteLimit?: LimitSpec;
  /** Topic partitions when creating topics (default 3). */
  partitions?: number;
}

export interface RunningMessagesService {
  url: string;
  port: number;
  services: Services;
  realtime: Realtime;
  /** Resolves once the Kafka topics exist and the users consumer has joined its group. */
  consumerReady: Promise<void>;
  close(): Promise<void>;
}

export async function startMessagesService(
  config: MessagesConfig,
  options: StartOptions = {},
): Promise<RunningMessagesService> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'messages-service' } });
  const topics = options.topics ?? { userEvents: Topics.userEvents, partyEvents: Topics.partyEvents };
  const keyPrefix = options.redisKeyPrefix ?? 'partyline:';
  const partitions = options.partitions ?? 3;

  await runMigrations(config.postgresUrl, {
    info: (message) => logger.debug({ migration: message }, 'migration'),
  });
  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'messages-service', logger });

  const pool = createPool(config.postgresUrl, 20, (error) =>
    logger.warn({ err: error }, 'postgres: an idle connection failed'),
  );
  const redis = createClient({ url: config.redisUrl });
  redis.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await redis.connect();

  const verifier =
    options.verifier ??
    createAccessTokenVerifier({
      keys: createJwksKeyResolver({ jwksUrl: config.jwksUrl }),
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });

  const httpServer = createServer();
  const realtime = await createRealtime({
    httpServer,
    verifier,
    redis: { url: config.redisUrl },
    allowedOrigins: config.allowedOrigins,
    logger,
    keyPrefix,
    ...(config.instanceId === undefined ? {} : { instanceId: config.instanceId }),
    ...(options.sendLimit === undefined ? {} : { sendLimit: options.sendLimit }),
  });
  const services = createServices({
    pool,
    notifier: realtime.notifier,
    limits: {
      send: realtime.sendRateLimit,
      invite: createRedisRateLimit(
        redis,
        `${keyPrefix}rl:invite`,
        options.inviteLimit ?? DEFAULT_INVITE_LIMIT,
        'invite tries',
      ),
    },
    partyEventsTopic: topics.partyEvents,
    onNotifyError: (error) => logger.error({ err: error }, 'notifier failed'),
  });
  realtime.attach(services);

  const app = createApp({
    services,
    verifier,
    logger,
    allowedOrigins: config.allowedOrigins,
    readiness: healthCheckers({ pool, redis, kafkaBrokers: config.kafkaBrokers }),
    registerMetrics: (registry) => realtime.registerMetrics(registry),
  });
  httpServer.on('request', app);

  // Kafka is kept off the request path, start-up included: the service serves while the broker is away;
  // the relay keeps events in the outbox until it can publish, and the consumer starts once topics exist.
  const publisher = createPublisher(kafka);
  const relay = startPgOutboxRelay({ pool, publisher, logger });
  let consumer: ConsumerHandle | undefined;
  let stopped = false;
  const consumerReady = (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureTopics(kafka, [
          { name: topics.userEvents, partitions, compacted: true },
          { name: topics.partyEvents, partitions, compacted: false },
        ]);
        break;
      } catch (error) {
        if (stopped) return;
        logger.warn({ err: error, attempt }, 'kafka: could not ensure topics; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)).unref());
      }
    }
    if (stopped) return;
    consumer = startUserEventsConsumer({
      client: kafka,
      pool,
      users: services.users,
      topic: topics.userEvents,
      groupId: options.usersGroupId ?? 'messages-service.users',
      logger,
    });
    await consumer.ready;
  })();

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  logger.info({ port }, 'messages-service listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    realtime,
    consumerReady,
    close() {
      closing ??= (async () => {
        stopped = true;
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await realtime.close();
        httpServer.closeAllConnections();
        await httpClosed;
        await consumer
          ?.stop()
          .catch((error: unknown) => logger.error({ err: error }, 'consumer stop failed'));
        await relay.stop().catch((error: unknown) => logger.error({ err: error }, 'relay stop failed'));
        await publisher.disconnect().catch(() => undefined);
        await pool.end();
        await redis.close().catch(() => undefined);
        logger.info('messages-service stopped');
      })();
      return closing;
    },
  };
}
