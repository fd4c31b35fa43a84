import { randomUUID } from 'node:crypto';
import { PartyEvent } from '@partyline/contracts';
import {
  markProcessed,
  pgOutboxSchemaSql,
  pgProcessedEventsSql,
  runConsumer,
  startPgOutboxRelay,
  writeToOutbox,
  type Stoppable,
} from '@partyline/events';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFixture } from './helpers/child.js';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { readTopic } from './helpers/read-topic.js';
import { createTestDatabase, stack, uniqueName, waitFor, deleteTestTopics } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('pg-outbox-test');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
let stoppables: Stoppable[] = [];

const unpublished = async () =>
  Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).rows[0]
      ?.n,
  );

const idOf = async (eventId: string) =>
  (await pool.query<{ id: string }>(`SELECT id FROM outbox WHERE event->>'eventId' = $1`, [eventId])).rows[0]
    ?.id;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 60 });
  // The teardown drops the database WITH (FORCE); a client still closing then reports "terminating
  // connection" through the pool, which must not become an unhandled error of the run.
  pool.on('error', () => undefined);
  await pool.query(pgOutboxSchemaSql);
  await pool.query(pgOutboxSchemaSql); // idempotent, as migrations may run it again
  await pool.query(pgProcessedEventsSql);
});
afterEach(async () => {
  await Promise.all(stoppables.map((s) => s.stop()));
  stoppables = [];
});
afterAll(async () => {
  await publisher.disconnect();
  await pool.end();
  await db.drop();
  await deleteTestTopics();
});

describe('PostgreSQL outbox relay', () => {
  it('when 50 writers commit out of id order and some roll back, every committed row is published and none else', async () => {
    const topic = await freshTopic(client);
    stoppables.push(startPgOutboxRelay({ pool, publisher, logger, pollMs: 100 }));
    const writers = await Promise.all(Array.from({ length: 50 }, () => pool.connect()));
    const events = writers.map(() => partyRenames(randomUUID(), 1)[0]!);
    // Take the ids in writer order: writer 0 gets the smallest id...
    for (const [i, w] of writers.entries()) {
      await w.query('BEGIN');
      await writeToOutbox(w, topic, [events[i]!]);
    }
    // ...then commit in reverse, the first ten held open well after the relay has published the rest.
    const rolledBack = new Set([3, 17, 42]);
    await Promise.all(
      writers.map(async (w, i) => {
        await w.query('SELECT pg_sleep($1)', [i < 10 ? 0.6 + (10 - i) * 0.02 : (50 - i) * 0.005]);
        await w.query(rolledBack.has(i) ? 'ROLLBACK' : 'COMMIT');
        w.release();
      }),
    );

    const committed = events.filter((_, i) => !rolledBack.has(i)).map((e) => e.eventId);
    const messages = await readTopic(topic, committed.length);
    await waitFor('every row marked published', async () => (await unpublished()) === 0);
    expect(messages.map((m) => JSON.parse(m.value!).eventId).sort()).toEqual([...committed].sort());
    // The relay really did see larger ids committed first: the held rows were published after the others.
    const { rows } = await pool.query<{ held: boolean; first: Date; last: Date; n: string }>(
      `SELECT id <= $2 AS held, min(published_at) AS first, max(published_at) AS last, count(*) AS n
         FROM outbox WHERE topic = $1 GROUP BY 1`,
      [topic, await idOf(events[9]!.eventId)],
    );
    const held = rows.find((r) => r.held)!;
    const rest = rows.find((r) => !r.held)!;
    expect(Number(held.n) + Number(rest.n)).toBe(committed.length);
    expect(held.first.getTime()).toBeGreaterThan(rest.last.getTime());
  });

  it('when a row is committed, the NOTIFY wakes the relay long before its next poll', async () => {
    const topic = await freshTopic(client);
    stoppables.push(startPgOutboxRelay({ pool, publisher, logger, pollMs: 20_000 }));
    // Let the relay finish its first drain and start its long wait (and its LISTEN connect).
    await new Promise((r) => setTimeout(r, 300));
    const c = await pool.connect();
    await c.query('BEGIN');
    await writeToOutbox(c, topic, partyRenames(randomUUID(), 1));
    await c.query('COMMIT');
    c.release();
    const committedAt = Date.now();
    await waitFor('the row published', async () => (await unpublished()) === 0, 5000);
    expect(Date.now() - committedAt).toBeLessThan(2000);
  });

  it('when one aggregate writes 30 events in consecutive transactions, they are published in version order', async () => {
    const topic = await freshTopic(client);
    stoppables.push(startPgOutboxRelay({ pool, publisher, logger, pollMs: 100 }));
    const events = partyRenames(randomUUID(), 30);
    for (const event of events) {
      const c = await pool.connect();
      await c.query('BEGIN');
      await writeToOutbox(c, topic, [event]);
      await c.query('COMMIT');
      c.release();
    }
    const messages = await readTopic(topic, 30);
    expect(messages.map((m) => JSON.parse(m.value!).aggregateVersion)).toEqual(
      events.map((e) => e.aggregateVersion),
    );
  });

  it('when the relay is killed after the broker ack and before marking, the event is published again with the same id and applied once', async () => {
    const topic = await freshTopic(client);
    const [event] = partyRenames(randomUUID(), 1);
    const c = await pool.connect();
    await c.query('BEGIN');
    await writeToOutbox(c, topic, [event!]);
    await c.query('COMMIT');
    c.release();

    const relay = runFixture('pg-relay-killed-after-ack.ts', {
      POSTGRES_URL: db.url,
      BROKERS: stack.brokers,
    });
    expect(await relay.exited).toBe('SIGKILL');
    expect(await unpublished()).toBe(1);

    stoppables.push(startPgOutboxRelay({ pool, publisher, logger, pollMs: 100 }));
    const copies = await readTopic(topic, 2);
    expect(copies.map((m) => JSON.parse(m.value!).eventId)).toEqual([event!.eventId, event!.eventId]);
    await waitFor('the row marked published', async () => (await unpublished()) === 0);

    let effects = 0;
    let deliveries = 0;
    stoppables.push(
      runConsumer({
        client,
        groupId: uniqueName('g'),
        topic,
        schema: PartyEvent,
        logger,
        handlers: allPartyHandlers(async (e) => {
          deliveries++;
          const tx = await pool.connect();
          try {
            await tx.query('BEGIN');
            if (await markProcessed(tx, 'relay-crash-test', e.eventId)) effects++;
            await tx.query('COMMIT');
          } finally {
            tx.release();
          }
        }),
      }),
    );
    await waitFor('both copies delivered', () => deliveries === 2);
    expect(effects).toBe(1);
  }, 45_000);
});
