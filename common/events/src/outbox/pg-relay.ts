import type { AnyEvent } from '@partyline/contracts';
import type { Pool, PoolClient } from 'pg';
import { errorMessage, stderrLogger } from '../logger.js';
import type { EventsLogger, OutboxRelay, Publisher, Stoppable } from '../types.js';
import { OUTBOX_CHANNEL } from './pg-outbox.js';
import { startRelayLoop } from './relay-loop.js';

export interface PgOutboxRelayOptions {
  /** Holds one connection for LISTEN and borrows one per drain: give it at least 2. */
  pool: Pool;
  publisher: Publisher;
  logger?: EventsLogger;
  /** Poll interval besides the NOTIFY wake-ups (default 250 ms). */
  pollMs?: number;
  /** Rows claimed per transaction (default 200). */
  batchSize?: number;
  /** Published rows are deleted after this long (default one hour). */
  retainPublishedMs?: number;
}

// One relay publishes at a time per database: with SKIP LOCKED alone, two relays could publish one
// aggregate's consecutive events concurrently and reorder them on the partition.
const RELAY_LOCK_KEY = 7_361_902_114;

interface OutboxRow {
  id: string;
  topic: string;
  event: AnyEvent;
}

/**
 * Publishes committed outbox rows in id order and marks them published after the broker's ack, in the
 * transaction that claimed them. A crash between the ack and the commit publishes the rows again (same
 * eventIds): delivery is at least once, consumers are idempotent.
 */
export function startPgOutboxRelay(options: PgOutboxRelayOptions): OutboxRelay {
  const { pool, publisher } = options;
  const logger = options.logger ?? stderrLogger;
  const batchSize = options.batchSize ?? 200;
  const retainMs = options.retainPublishedMs ?? 3_600_000;
  let lastCleanup = 0;

  const drain = async () => {
    const client = await pool.connect();
    // A connection that dies while checked out emits 'error' on the client, not the pool: without a
    // listener that is an uncaught exception that ends the process. Note it and discard the connection.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        RELAY_LOCK_KEY,
      ]);
      if (!lock.rows[0]?.ok) {
        await client.query('ROLLBACK');
        return { published: 0, full: false };
      }
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, topic, event FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      for (const [topic, events] of byTopicInOrder(rows)) await publisher.publish(topic, events);
      if (rows.length > 0) {
        await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
      }
      if (Date.now() - lastCleanup > 60_000) {
        lastCleanup = Date.now();
        await client.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`, [
          retainMs / 1000,
        ]);
      }
      await client.query('COMMIT');
      return { published: rows.length, full: rows.length === batchSize };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };

  const loop = startRelayLoop('pg-outbox', drain, options.pollMs ?? 250, logger);
  const listener = listen(pool, loop.wake, logger);
  return {
    published: loop.published,
    async backlog() {
      // The partial index on unpublished ids keeps this cheap however large the published history is.
      const { rows } = await pool.query<{ n: number; age: number }>(
        `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
           FROM outbox WHERE published_at IS NULL`,
      );
      return { pending: rows[0]?.n ?? 0, oldestSeconds: rows[0]?.age ?? 0 };
    },
    async stop() {
      await listener.stop();
      await loop.stop();
    },
  };
}

/** Groups rows per topic, keeping id order inside each topic (and so inside each aggregate). */
function byTopicInOrder(rows: readonly OutboxRow[]): Map<string, AnyEvent[]> {
  const groups = new Map<string, AnyEvent[]>();
  for (const row of rows) {
    const list = groups.get(row.topic) ?? [];
    list.push(row.event);
    groups.set(row.topic, list);
  }
  return groups;
}

/** LISTENs on the outbox channel, reconnecting after errors; polling covers the gaps. */
function listen(pool: Pool, onNotify: () => void, logger: EventsLogger): Stoppable {
  let client: PoolClient | undefined;
  const released = new WeakSet<PoolClient>();
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    try {
      const c = await pool.connect();
      if (stopped) return c.release();
      c.on('notification', onNotify);
      // The listener stays for the connection's whole life: a connection killed after stop() released it
      // still emits 'error', and releasing it a second time would throw out of the event handler.
      c.on('error', (error) => {
        if (released.has(c)) return;
        released.add(c);
        logger.warn({ err: errorMessage(error) }, 'outbox LISTEN connection lost');
        c.release(error);
        if (client === c) client = undefined;
        if (!stopped) retry = setTimeout(() => void connect(), 1000);
      });
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
      client = c;
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, 'outbox LISTEN failed; polling only until it reconnects');
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    }
  };
  const connecting = connect();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await connecting;
      const c = client;
      client = undefined;
      if (!c) return;
      c.removeListener('notification', onNotify);
      await c.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
      if (released.has(c)) return;
      released.add(c);
      c.release();
    },
  };
}
