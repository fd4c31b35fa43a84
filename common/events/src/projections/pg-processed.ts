import type { ClientBase } from 'pg';

/**
 * The table of applied event ids, for a service's migrations (idempotent). Use it where an event is not a
 * full state (a version guard alone cannot tell whether it was applied).
 */
export const pgProcessedEventsSql = `
CREATE TABLE IF NOT EXISTS processed_events (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`;

/**
 * Records that `consumer` applied `eventId`; false when it already had. Call it inside the handler's
 * transaction, before the effect, and skip the effect on false: a redelivered event then has no effect,
 * and a rolled-back effect leaves no mark.
 */
export async function markProcessed(client: ClientBase, consumer: string, eventId: string): Promise<boolean> {
  const result = await client.query(
    'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [consumer, eventId],
  );
  return result.rowCount === 1;
}
