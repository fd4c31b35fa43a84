import type { AnyEvent } from '@partyline/contracts';
import type { ClientBase } from 'pg';

/** The channel writers NOTIFY and the relay LISTENs on, so an event leaves without waiting for a poll. */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * The outbox table, for a service's migrations (idempotent). Rows are claimed by the relay, never by
 * "id > last published": ids are taken before commit, so a smaller id may become visible later.
 */
export const pgOutboxSchemaSql = `
CREATE TABLE IF NOT EXISTS outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz NULL
);
CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
`;

/**
 * Writes events to the outbox with the caller's client, inside the caller's transaction, so they are
 * committed (or rolled back) with the change they describe. The NOTIFY is delivered only on commit.
 * Keep the aggregate's row locked (e.g. its version bump) before calling this, so one aggregate's rows
 * get ids in commit order.
 */
export async function writeToOutbox(
  client: ClientBase,
  topic: string,
  events: readonly AnyEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const rows = events.map((event, i) => {
    params.push(topic, event.aggregateId, JSON.stringify(event));
    return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`;
  });
  await client.query(`INSERT INTO outbox (topic, key, event) VALUES ${rows.join(', ')}`, params);
  await client.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
