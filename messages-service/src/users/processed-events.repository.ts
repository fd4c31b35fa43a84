// Event ids a consumer has applied, for events that are not full states (the table and the insert come
// from @partyline/events). Only inside a transaction: the check, the effect and the mark commit together.
import { markProcessed } from '@partyline/events';

import type { PoolClient } from '../db/pool.js';

export function createProcessedEventsRepository(client: PoolClient) {
  return {
    async wasProcessed(consumer: string, eventId: string): Promise<boolean> {
      const { rowCount } = await client.query(
        'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
        [consumer, eventId],
      );
      return rowCount === 1;
    },

    async markProcessed(consumer: string, eventId: string): Promise<void> {
      await markProcessed(client, consumer, eventId);
    },
  };
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;
