// Writes party, member and topic events to the outbox in the caller's transaction, numbering them with the
// party's version (bumped here, which also locks the party row until commit).
import { makeEvent, type PartyEvent } from '@partyline/contracts';
import { writeToOutbox } from '@partyline/events';

import type { PoolClient } from '../db/pool.js';
import { bumpPartyVersion } from '../repositories/parties.repo.js';

export const PRODUCER = 'messages-service';

export type PartyEventInput = {
  [T in PartyEvent['type']]: { type: T; data: Extract<PartyEvent, { type: T }>['data'] };
}[PartyEvent['type']];

/** Returns the party's name (for MemberJoined) or null when the party is gone. */
export async function recordPartyEvents(
  deps: { partyEventsTopic: string },
  client: PoolClient,
  partyId: string,
  correlationId: string,
  events: PartyEventInput[],
): Promise<{ name: string } | null> {
  if (events.length === 0) return null;
  const bumped = await bumpPartyVersion(client, partyId, events.length);
  if (!bumped) return null;
  const envelopes = events.map((event, i) =>
    makeEvent(event.type, event.data, {
      aggregateId: partyId,
      aggregateVersion: bumped.firstVersion + i,
      producer: PRODUCER,
      correlationId,
    }),
  );
  await writeToOutbox(client, deps.partyEventsTopic, envelopes);
  return { name: bumped.name };
}

/** Locks the party row first and then builds the events (some need the party's current name). */
export async function lockParty(client: PoolClient, partyId: string): Promise<{ name: string } | null> {
  const { rows } = await client.query<{ name: string }>('SELECT name FROM parties WHERE id = $1 FOR UPDATE', [
    partyId,
  ]);
  return rows[0] ?? null;
}
