import { randomUUID } from 'node:crypto';
import { createKafkaClient, createPublisher, ensureTopics, pgProcessedEventsSql } from '@partyline/events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixture } from './helpers/child.js';
import { partyRenames } from './helpers/events.js';
import {
  createTestDatabase,
  stack,
  uniqueName,
  waitFor,
  deleteTestTopics,
  testTopic,
} from './helpers/stack.js';

const client = createKafkaClient({ brokers: stack.brokers, clientId: 'crash-test' });
const publisher = createPublisher(client);
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  await pool.query(pgProcessedEventsSql);
  await pool.query('CREATE TABLE effects (id serial PRIMARY KEY, event_id uuid NOT NULL)');
  await pool.query('CREATE TABLE deliveries (id serial PRIMARY KEY, event_id uuid NOT NULL)');
});
afterAll(async () => {
  await publisher.disconnect();
  await pool.end();
  await db.drop();
  await deleteTestTopics();
});

const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n);

describe('a consumer killed between its database commit and its offset commit', () => {
  it('when it restarts, the event is delivered again and the projection holds exactly one effect per event', async () => {
    const topic = testTopic('t.party-events');
    await ensureTopics(client, [{ name: topic, partitions: 1, compacted: false }]);
    const events = partyRenames(randomUUID(), 20);
    await publisher.publish(topic, events);
    const env = { POSTGRES_URL: db.url, BROKERS: stack.brokers, TOPIC: topic, GROUP_ID: uniqueName('g') };

    const killed = runFixture('pg-projection-consumer.ts', { ...env, KILL_AFTER: '10' });
    expect(await killed.exited).toBe('SIGKILL');
    expect(await count('SELECT count(*) AS n FROM effects')).toBe(10);

    const restarted = runFixture('pg-projection-consumer.ts', env);
    try {
      await waitFor(
        'all 20 effects',
        async () => (await count('SELECT count(*) AS n FROM effects')) === 20,
        30_000,
      );
    } finally {
      restarted.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }

    const { rows } = await pool.query<{ event_id: string; n: string }>(
      'SELECT event_id, count(*) AS n FROM effects GROUP BY event_id',
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === '1')).toBe(true);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.eventId)));
    // The 10th event was applied, killed before its offset commit, and delivered once more.
    const tenth = await count(
      `SELECT count(*) AS n FROM deliveries WHERE event_id = '${events[9]!.eventId}'`,
    );
    expect(tenth).toBe(2);
  }, 60_000);
});
