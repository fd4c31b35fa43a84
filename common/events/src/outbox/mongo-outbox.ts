import type { AnyEvent } from '@partyline/contracts';

/** The fields the Mongo outbox needs on an aggregate's document. */
export interface OutboxDocument<E extends AnyEvent = AnyEvent> {
  version: number;
  /** Events written with the change, waiting for the relay; `[]` or missing when none. */
  outbox?: E[];
}

/**
 * The update pieces that record `event` in the document it describes. Merge them into the SAME
 * single-document update that makes the change, so both happen atomically (no transactions needed):
 *
 * ```ts
 * const event = makeEvent('UserUpdated', state, { aggregateId: id, aggregateVersion: user.version + 1, ... });
 * const { $push, $inc } = outboxUpdate(event);
 * await users.updateOne({ _id: id, version: user.version }, { $set: changes, $push, $inc });
 * ```
 * The `version` filter makes concurrent writers fail instead of reusing a version; the relay publishes
 * the event and `$pull`s it afterwards.
 */
export function outboxUpdate<E extends AnyEvent>(event: E): { $push: { outbox: E }; $inc: { version: 1 } } {
  return { $push: { outbox: event }, $inc: { version: 1 } };
}
