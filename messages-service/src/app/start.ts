// The composition root: migrations, the PostgreSQL pool, Redis, the socket.io gateway, the services (their
// repositories and ports), the REST app, the outbox relay and the users consumer. Tests call it with port 0
// and their own names.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAccessTokenVerifier, createJwksKeyResolver, type AccessTokenVerifier } from '@partyline/auth';
import { Topics } from '@partyline/contracts';
import { createKafkaClient, createPublisher, startPgOutboxRelay } from '@partyline/events';
import { pino, type Logger } from 'pino';
import { createClient } from 'redis';

import { runMigrations } from '../db/migrate.js';
import { createPool } from '../db/pool.js';
import { createRealtime, type Realtime, type SendLimit } from '../realtime/gateway.js';
import { createApp } from './app.js';
import type { MessagesConfig } from './config.js';
import { healthCheckers } from './health.js';
import { createRedisRateLimit, DEFAULT_INVITE_LIMIT, type LimitSpec } from './rate-limit.js';
import { createServices, type Services } from './services.js';
import { startUsersCopy } from './users-copy.js';

interface StartOptions {
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
    presence: realtime.presence,
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

  // The relay keeps events in the outbox until it can publish (Kafka is never on the request path).
  const publisher = createPublisher(kafka);
  const relay = startPgOutboxRelay({ pool, publisher, logger });
  const usersCopy = startUsersCopy({
    kafka,
    topics,
    partitions,
    groupId: options.usersGroupId ?? 'messages-service.users',
    users: services.users,
    logger,
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  logger.info({ port }, 'messages-service listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    realtime,
    consumerReady: usersCopy.ready,
    close() {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await realtime.close();
        httpServer.closeAllConnections();
        await httpClosed;
        await usersCopy.stop();
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
