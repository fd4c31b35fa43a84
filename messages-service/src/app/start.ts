// The composition root: migrations, the PostgreSQL pool, Redis, the socket.io gateway, the services (their
// repositories and ports), the REST app, the outbox relay and the users consumer. Tests call it with port 0
// and their own names.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAccessTokenVerifier, createJwksKeyResolver, type AccessTokenVerifier } from '@partyline/auth';
import {
  createKafkaClient,
  createPublisher,
  registerConsumerMetrics,
  registerOutboxMetrics,
  startPgOutboxRelay,
} from '@partyline/events';
import { createOpsApp, listen } from '@partyline/http';
import { createS3ObjectStore } from '@partyline/object-store';
import { pino, type Logger } from 'pino';

import { startAttachmentTasks, type AttachmentTasksOptions } from '../attachments/attachments.tasks.js';
import { runMigrations } from '../db/migrate.js';
import { createPool } from '../db/pool.js';
import { createSendMetrics } from '../messages/send-metrics.js';
import { createRealtime, type Realtime, type SendLimit } from '../realtime/gateway.js';
import { closeRedis, createRedisClient } from '../realtime/redis.js';
import { createApp } from './app.js';
import type { MessagesConfig } from './config.js';
import { createEventLimits, type EventLimitSpecs } from './event-limits.js';
import { healthCheckers } from './health.js';
import { createMetrics } from './metrics.js';
import { messagesOpenApiDocument } from './openapi.js';
import { createRedisRateLimit, DEFAULT_INVITE_LIMIT, type LimitSpec } from './rate-limit.js';
import { allRoutes } from './routes.js';
import { createServices, type Services } from './services.js';
import { startUsersCopy } from './users-copy.js';

interface StartOptions {
  logger?: Logger;
  /** Defaults to a JWKS resolver on config.jwksUrl. */
  verifier?: AccessTokenVerifier;
  // The tests' overrides of the configured names and limit (config.redisKeyPrefix and so on).
  redisKeyPrefix?: string;
  topics?: { userEvents: string; partyEvents: string };
  usersGroupId?: string;
  sendLimit?: SendLimit;
  inviteLimit?: LimitSpec;
  /** sync, presence:list and read marks per user (defaults: DEFAULT_EVENT_LIMITS). */
  eventLimits?: Partial<EventLimitSpecs>;
  /** Topic partitions when creating topics (default 3). */
  partitions?: number;
  /** How often the attachments' background rounds run (attachments.tasks.ts). */
  attachmentTasks?: AttachmentTasksOptions;
}

export interface RunningMessagesService {
  /** The public port: the REST routes, socket.io and /healthz. */
  url: string;
  port: number;
  /** What the public port is bound to (HOST). */
  address: AddressInfo;
  /** The internal ops port: /healthz, /readyz, /metrics, /openapi.json. */
  opsUrl: string;
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
  const topics = options.topics ?? config.topics;
  const keyPrefix = options.redisKeyPrefix ?? config.redisKeyPrefix;
  const partitions = options.partitions ?? 3;

  await runMigrations(config.postgresUrl, {
    info: (message) => logger.debug({ migration: message }, 'migration'),
  });
  const kafka = createKafkaClient({
    brokers: config.kafkaBrokers,
    clientId: 'messages-service',
    logger,
    replication: config.kafkaReplication,
  });

  const pool = createPool(config.postgresUrl, 20, (error) =>
    logger.warn({ err: error }, 'postgres: an idle connection failed'),
  );
  const redis = createRedisClient(config.redisUrl, config.redisClusterNodes);
  redis.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await redis.connect();

  const verifier =
    options.verifier ??
    createAccessTokenVerifier({
      keys: createJwksKeyResolver({ jwksUrl: config.jwksUrl }),
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });

  // socket.io hands what is not its own to the request listeners the server has when it attaches, so Express
  // must be one of them: a listener added afterwards also answers /socket.io/ (long polling) with a 404.
  // Until the app is built (before listening), a request would get a 503.
  let handleRequest: RequestListener = (_req, res) => res.writeHead(503).end();
  const httpServer = createServer((req, res) => handleRequest(req, res));
  const realtime = await createRealtime({
    httpServer,
    verifier,
    redis: { url: config.redisUrl, clusterNodes: config.redisClusterNodes ?? [] },
    allowedOrigins: config.allowedOrigins,
    logger,
    keyPrefix,
    ...(config.instanceId === undefined ? {} : { instanceId: config.instanceId }),
    sendLimit: options.sendLimit ?? config.sendLimit,
  });
  // Attachments' object storage, when configured. A local stack's bucket is made here, with CORS for the app.
  const objectStore = config.attachments ? createS3ObjectStore(config.attachments) : null;
  if (objectStore && config.attachments?.createBucket) await objectStore.ensureBucket(config.allowedOrigins);
  let wakeAttachmentTasks = (): void => undefined;
  const sendMetrics = createSendMetrics();
  const services = createServices({
    pool,
    notifier: realtime.notifier,
    presence: realtime.presence,
    onSendBatchWritten: sendMetrics.observe,
    limits: {
      send: realtime.sendRateLimit,
      invite: createRedisRateLimit(
        redis,
        `${keyPrefix}rl:invite`,
        options.inviteLimit ?? DEFAULT_INVITE_LIMIT,
        'invite tries',
      ),
      ...createEventLimits(redis, keyPrefix, options.eventLimits),
    },
    partyEventsTopic: topics.partyEvents,
    onNotifyError: (error) => logger.error({ err: error }, 'notifier failed'),
    ...(objectStore && config.attachments
      ? {
          attachments: {
            store: objectStore,
            settings: config.attachments,
            onReady: () => wakeAttachmentTasks(),
          },
        }
      : {}),
  });
  const attachmentTasks = objectStore
    ? startAttachmentTasks(services.attachments, logger, options.attachmentTasks)
    : null;
  if (attachmentTasks) wakeAttachmentTasks = attachmentTasks.wake;
  realtime.attach(services);

  const metrics = createMetrics();
  realtime.registerMetrics(metrics.registry);
  sendMetrics.register(metrics.registry);
  handleRequest = createApp({
    services,
    verifier,
    logger,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    httpMetrics: metrics.httpMetrics,
  });
  const opsApp = createOpsApp({
    logger,
    readiness: healthCheckers({ pool, redis, kafkaBrokers: config.kafkaBrokers, objectStore }),
    registry: metrics.registry,
    openapi: messagesOpenApiDocument(allRoutes(services)),
  });

  // The relay keeps events in the outbox until it can publish (Kafka is never on the request path).
  const publisher = createPublisher(kafka);
  const relay = startPgOutboxRelay({ pool, publisher, logger });
  const usersGroupId = options.usersGroupId ?? config.consumerGroupId;
  const usersCopy = startUsersCopy({
    kafka,
    topics,
    partitions,
    groupId: usersGroupId,
    users: services.users,
    logger,
  });
  registerOutboxMetrics(metrics.registry, { relay: 'pg-outbox', handle: relay, logger });
  registerConsumerMetrics(metrics.registry, {
    client: kafka,
    logger,
    consumers: [{ groupId: usersGroupId, topic: topics.userEvents, handle: usersCopy.consumer }],
  });

  const ops = await listen(createServer(opsApp), config.ops.port, config.ops.host);
  const open = await listen(httpServer, config.port, config.host);
  logger.info({ url: open.url, opsUrl: ops.url }, 'messages-service listening');

  let closing: Promise<void> | undefined;
  return {
    url: open.url,
    port: open.address.port,
    address: open.address,
    opsUrl: ops.url,
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
        await attachmentTasks?.stop();
        objectStore?.close();
        await relay.stop().catch((error: unknown) => logger.error({ err: error }, 'relay stop failed'));
        await publisher.disconnect().catch(() => undefined);
        await pool.end();
        await closeRedis(redis);
        await new Promise<void>((resolve) => {
          ops.server.close(() => resolve());
          ops.server.closeAllConnections();
        });
        logger.info('messages-service stopped');
      })();
      return closing;
    },
  };
}
