import { randomUUID } from 'node:crypto';

import {
  createKafkaClient,
  createPublisher,
  pgOutboxSchemaSql,
  registerOutboxMetrics,
  startPgOutboxRelay,
  writeToOutbox,
  type OutboxRelay,
} from '@partyline/events';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { partyRenames } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { createTestDatabase, deleteTestTopics, recordingLogger, waitFor } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('outbox-metrics-test');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 10 });
  pool.on('error', () => undefined);
  await pool.query(pgOutboxSchemaSql);
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  await publisher.disconnect();
  await pool.end();
  await db.drop();
  await deleteTestTopics();
});

const metric = async (registry: Registry, name: string) =>
  (await registry.getMetricsAsJSON()).find((m) => m.name === name)?.values[0]?.value;

describe('registerOutboxMetrics (PostgreSQL relay)', () => {
  it('when the broker is away, then the backlog and the age of its oldest event show, and nothing counts as published', async () => {
    const topic = await freshTopic(client);
    const c = await pool.connect();
    try {
      await writeToOutbox(c, topic, partyRenames(randomUUID(), 3));
      await c.query(`UPDATE outbox SET created_at = now() - interval '90 seconds'`);
    } finally {
      c.release();
    }
    // A real client of a broker that is not there: every publish fails, so the rows stay.
    const away = createKafkaClient({
      brokers: '127.0.0.1:1',
      clientId: 'away',
      logger: recordingLogger(),
      retry: { retries: 1, initialRetryTimeMs: 50, maxRetryTimeMs: 100 },
    });
    const relay = startPgOutboxRelay({ pool, publisher: createPublisher(away), logger: recordingLogger() });
    relays.push(relay);
    const registry = new Registry();
    registerOutboxMetrics(registry, { relay: 'pg-outbox', handle: relay, logger });

    expect(await metric(registry, 'events_outbox_pending')).toBe(3);
    expect(await metric(registry, 'events_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(90);
    expect(await metric(registry, 'events_outbox_published_total')).toBe(0);
    await relay.stop();
  });

  it('when the broker answers, then the backlog drains to zero and the published count says how many left', async () => {
    const relay = startPgOutboxRelay({ pool, publisher, logger, pollMs: 100 });
    relays.push(relay);
    const registry = new Registry();
    registerOutboxMetrics(registry, { relay: 'pg-outbox', handle: relay, logger });

    await waitFor('the outbox to drain', async () => (await relay.backlog()).pending === 0, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the shared-read window of a scrape
    expect(await metric(registry, 'events_outbox_pending')).toBe(0);
    expect(await metric(registry, 'events_outbox_oldest_pending_seconds')).toBe(0);
    expect(await metric(registry, 'events_outbox_published_total')).toBe(3);
    expect(await registry.metrics()).toContain('events_outbox_published_total{relay="pg-outbox"} 3');
  });
});
