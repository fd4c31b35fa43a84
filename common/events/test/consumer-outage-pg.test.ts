// Item: a transient failure is not a poison event. A PostgreSQL projection whose database connection goes
// through a proxy that the test cuts for 20 s while events flow: the runner must keep retrying (partition
// paused, nothing committed), then converge to the latest state, apply nothing twice, dead-letter nothing.
import { PartyEvent, dltTopic } from '@partyline/contracts';
import { markProcessed, pgProcessedEventsSql, runConsumer, type ConsumerHandle } from '@partyline/events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPartyHandlers } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import {
  messageCount,
  publishThroughOutage,
  retryTimeline,
  waitForConvergence,
  type Latest,
} from './helpers/outage.js';
import { createTestDatabase, deleteTestTopics, uniqueName } from './helpers/stack.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';

const { logger, client, publisher } = kafkaTestKit('outage-pg-test');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let direct: pg.Pool;
let proxied: pg.Pool;
let proxy: TcpProxy;
let consumer: ConsumerHandle | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  direct = new pg.Pool({ connectionString: db.url, max: 2 });
  await direct.query(pgProcessedEventsSql);
  await direct.query('CREATE TABLE parties (id uuid PRIMARY KEY, name text NOT NULL, version int NOT NULL)');
  await direct.query('CREATE TABLE effects (id serial PRIMARY KEY, event_id uuid NOT NULL)');
  proxy = await startTcpProxy(db.url);
  // What a service's pool looks like: a few connections, a bounded wait for one.
  proxied = new pg.Pool({ connectionString: proxy.urlFor(db.url), max: 3, connectionTimeoutMillis: 3000 });
  proxied.on('error', () => undefined); // idle clients whose connection the proxy cut
});
afterAll(async () => {
  await consumer?.stop();
  await publisher.disconnect();
  await proxied.end();
  await proxy.close();
  await direct.end();
  await db.drop();
  await deleteTestTopics();
});

describe('a PostgreSQL projection whose database is unreachable for 20 s', () => {
  it('keeps retrying, then converges to the latest state of every party, applies each event once and dead-letters nothing', async () => {
    const topic = await freshTopic(client, 3);
    consumer = runConsumer({
      client,
      groupId: uniqueName('g'),
      topic,
      schema: PartyEvent,
      logger,
      handlers: allPartyHandlers(async (event) => {
        if (event.type !== 'PartyUpdated') return;
        const c = await proxied.connect();
        // As messages-service's transactions do: a checked-out client has no pool listener, so a connection
        // the proxy cuts between two statements would otherwise be an uncaught 'error' event (the statement
        // in flight fails with it anyway).
        const ignore = () => undefined;
        c.on('error', ignore);
        let broken: Error | undefined;
        try {
          await c.query('BEGIN');
          if (await markProcessed(c, 'outage-test', event.eventId)) {
            await c.query('INSERT INTO effects (event_id) VALUES ($1)', [event.eventId]);
            await c.query(
              `INSERT INTO parties (id, name, version) VALUES ($1, $2, $3)
               ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version
               WHERE parties.version < EXCLUDED.version`,
              [event.data.partyId, event.data.name, event.aggregateVersion],
            );
          }
          await c.query('COMMIT');
        } catch (error) {
          broken = error as Error;
          await c.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          c.off('error', ignore);
          c.release(broken);
        }
      }),
    });
    await consumer.ready;

    const timeline = await publishThroughOutage({ publisher, topic, proxy });
    const convergedAt = await waitForConvergence(timeline, async () => {
      const { rows } = await direct.query<{ id: string; name: string; version: number }>(
        'SELECT id, name, version FROM parties',
      );
      return new Map<string, Latest>(rows.map((r) => [r.id, { name: r.name, version: r.version }]));
    });

    const effects = await direct.query<{ n: string; distinct: string }>(
      'SELECT count(*) AS n, count(DISTINCT event_id) AS distinct FROM effects',
    );
    const stats = consumer.stats();
    const retryLines = logger.lines.filter((l) => l.msg === 'transient failure; partition paused, retrying');
    console.info(
      `[outage-pg] ${timeline.published.length} events; outage ${timeline.restoredAt - timeline.cutAt} ms; ` +
        `converged ${convergedAt - timeline.restoredAt} ms after restore; transient retries ${stats.transientRetries} ` +
        `(${retryLines.length} log lines); dead-lettered ${stats.deadLettered}; ` +
        `retry timeline (partition, retry, waiting ms, next in ms): ${retryTimeline(retryLines)}`,
    );
    expect(Number(effects.rows[0]!.n)).toBe(timeline.published.length);
    expect(Number(effects.rows[0]!.distinct)).toBe(timeline.published.length);
    expect(stats.transientRetries).toBeGreaterThan(0);
    expect(stats.deadLettered).toBe(0);
    expect(await messageCount(dltTopic(topic))).toBe(0);
    expect(logger.lines.filter((l) => l.msg === 'sending event to the DLT')).toEqual([]);
  }, 90_000);
});
