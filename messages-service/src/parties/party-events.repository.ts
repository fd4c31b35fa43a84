// Writes party, member and topic events to the outbox in the caller's transaction, numbering them with the
// party's version (bumped here, which also locks the party row until commit). Only inside a transaction.
// A direct conversation writes none: accounts-service's memberships copy is the list of a user's parties
// (its /me), and a conversation is not one; the version is still bumped, so the row lock orders its changes.
import { makeEvent, type PartyEvent } from '@partyline/contracts';
import { writeToOutbox } from '@partyline/events';

import type { PoolClient } from '../db/pool.js';
import { createPartiesRepository } from './parties.repository.js';

const PRODUCER = 'messages-service';

type PartyEventInput = {
  [T in PartyEvent['type']]: { type: T; data: Extract<PartyEvent, { type: T }>['data'] };
}[PartyEvent['type']];

/** `topic` is messages.party-events in the app; tests use their own. */
export function createPartyEventsRepository(client: PoolClient, topic: string) {
  const parties = createPartiesRepository(client);
  return {
    /** Returns the party's name or null when the party is gone (nothing is written then). */
    async record(
      partyId: string,
      correlationId: string,
      events: PartyEventInput[],
    ): Promise<{ name: string } | null> {
      if (events.length === 0) return null;
      const bumped = await parties.bumpVersion(partyId, events.length);
      if (!bumped) return null;
      if (bumped.kind === 'direct') return { name: bumped.name };
      const envelopes = events.map((event, i) =>
        makeEvent(event.type, event.data, {
          aggregateId: partyId,
          aggregateVersion: bumped.firstVersion + i,
          producer: PRODUCER,
          correlationId,
        }),
      );
      await writeToOutbox(client, topic, envelopes);
      return { name: bumped.name };
    },
  };
}

export type PartyEventsRepository = ReturnType<typeof createPartyEventsRepository>;
