// messages-service assembled from its exported parts exactly as src/app/start.ts does, except that the Kafka
// broker may be unreachable: startMessagesService awaits ensureTopics at start-up (and the users consumer's
// fatal handler exits the process), so it cannot be started against a stopped broker. Used only by the
// Kafka benchmark, for every case alike, so the only difference between its runs is the broker.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { AccessTokenVerifier } from '@partyline/auth';
import { createKafkaClient, createPublisher, ensureTopics, startPgOutboxRelay } from '@partyline/events';
import type { Logger } from 'pino';
import { createClient } from 'redis';

import { createApp } from '../../messages-service/src/app/app.js';
import { createRedisRateLimit, DEFAULT_INVITE_LIMIT } from '../../messages-service/src/app/rate-limit.js';
import { createServices } from '../../messages-service/src/app/services.js';
import { runMigrations } from '../../messages-service/src/db/migrate.js';
import { createPool } from '../../messages-service/src/db/pool.js';
import { createRealtime, type SendLimit } from '../../messages-service/src/realtime/gateway.js';
import { startUserEventsConsumer } from '../../messages-service/src/users/user-events.consumer.js';
import type { RunningServer } from './bare-server.js';

export interface ComposedOptions {
  postgresUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  /** False when the broker is meant to be unreachable (ensureTopics would never finish). */
  ensureTopics: boolean;
  allowedOrigins: string[];
  verifier: AccessTokenVerifier;
  logger: Logger;
  keyPrefix: string;
  topics: { userEvents: string; partyEvents: string };
  usersGroupId: string;
  sendLimit: SendLimit;
}

export async function startComposedService(o: ComposedOptions): Promise<RunningServer> {
  const { logger, keyPrefix } = o;
  await runMigrations(o.postgresUrl);
  const kafka = createKafkaClient({ brokers: o.kafkaBrokers, clientId: 'messages-service', logger });
  if (o.ensureTopics) {
    await ensureTopics(kafka, [
      { name: o.topics.userEvents, partitions: 1, compacted: true },
      { name: o.topics.partyEvents, partitions: 1, compacted: false },
    ]);
  }
  const pool = createPool(o.postgresUrl, 20);
  const redis = createClient({ url: o.redisUrl, RESP: 2 });
  redis.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await redis.connect();

  const httpServer = createServer();
  const realtime = await createRealtime({
    httpServer,
    verifier: o.verifier,
    redis: { url: o.redisUrl },
    allowedOrigins: o.allowedOrigins,
    logger,
    keyPrefix,
    sendLimit: o.sendLimit,
  });
  const services = createServices({
    pool,
    notifier: realtime.notifier,
    presence: realtime.presence,
    limits: {
      send: realtime.sendRateLimit,
      invite: createRedisRateLimit(redis, `${keyPrefix}rl:invite`, DEFAULT_INVITE_LIMIT, 'invite tries'),
    },
    partyEventsTopic: o.topics.partyEvents,
    onNotifyError: (error) => logger.error({ err: error }, 'notifier failed'),
  });
  realtime.attach(services);
  const app = createApp({
    services,
    verifier: o.verifier,
    logger,
    allowedOrigins: o.allowedOrigins,
  });
  httpServer.on('request', app);

  const publisher = createPublisher(kafka);
  const relay = startPgOutboxRelay({ pool, publisher, logger });
  const consumer = startUserEventsConsumer({
    client: kafka,
    users: services.users,
    topic: o.topics.userEvents,
    groupId: o.usersGroupId,
    logger,
    // The real service exits here so that its orchestrator restarts it; the benchmark keeps measuring.
    onFatal: (error) => logger.error({ err: error }, 'users consumer stopped'),
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientsCount: () => realtime.io.engine.clientsCount,
    async close() {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await realtime.close();
      httpServer.closeAllConnections();
      await stopped;
      const quietly = (work: Promise<unknown>) =>
        Promise.race([work.catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      await quietly(consumer.stop());
      await quietly(relay.stop());
      await quietly(publisher.disconnect());
      await pool.end();
      await redis.close().catch(() => undefined);
    },
  };
}
