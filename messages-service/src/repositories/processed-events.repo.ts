import type { Queryable } from '../db/pool.js';

/** Whether `consumer` already applied the event (the table comes from @partyline/events). */
export async function isProcessed(db: Queryable, consumer: string, eventId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
    [consumer, eventId],
  );
  return rowCount === 1;
}
