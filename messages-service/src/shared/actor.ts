// Who is acting: the authenticated user, from the access token (REST) or the socket handshake.
import { randomUUID } from 'node:crypto';

export interface Actor {
  id: string;
  /** From the token; used to create the user's local copy before accounts' first event arrives. */
  username?: string;
  /** Travels into the Kafka envelopes written by this action. */
  correlationId?: string;
}

/** The correlation id of the events an action writes (a fresh one when the caller brought none). */
export const correlationOf = (actor: Actor): string => actor.correlationId ?? randomUUID();
