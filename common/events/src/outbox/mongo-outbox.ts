import type { AnyEvent } from '@partyline/contracts';
import type { Collection, Document, Filter } from 'mongodb';

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

/** A marker: document `_id` may have events waiting since about `at` (the writer's clock). */
export interface PendingMarker<Id = unknown> {
  _id: Id;
  at: Date;
}

export interface PendingOutboxOptions<Id = unknown> {
  /**
   * A collection of its own (e.g. `users_outbox_pending`) holding one marker per document written in the
   * last `graceMs` or so, or left behind by a crash: its size follows the write rate, never the number of
   * documents, so the relay's recovery sweep over it costs the same at 100 and at 100,000 documents, on
   * FerretDB 1.x too (whose SQLite backend scans a whole collection for any filter but an `_id` equality).
   */
  markers: Collection<PendingMarker<Id>> | Collection<Document>;
  /**
   * How old a marker must be before the relay's sweep looks at its document (default 30 s). A write that
   * took longer than half of it marks again once it is done, so a marker is never swept (and removed)
   * while the write it announces may still be landing.
   */
  graceMs?: number;
}

/**
 * The write side of a Mongo outbox whose relay is woken per document instead of scanning the collection.
 * `write(id, update)` runs the single-document update that `$push`es events into document `id`:
 *
 * 1. before it, upserts the marker `{ _id: id, at: now }` (a crash after the update leaves a marker for the
 *    relay's sweep; a crash before it leaves a marker without events, which the sweep removes);
 * 2. runs the update;
 * 3. marks again if the update took longer than `graceMs / 2`;
 * 4. tells this process's relay (`onWritten`) to drain that document now.
 *
 * Pass the same object to `startMongoOutboxRelay({ pending })`. Call `write` inside the document lock.
 */
export interface PendingOutbox {
  write<T>(id: unknown, update: () => Promise<T>): Promise<T>;
  /** Listens for documents written by this process; returns the unsubscribe. */
  onWritten(listener: (id: unknown) => void): () => void;
  readonly markers: Collection<PendingMarker>;
  readonly graceMs: number;
}

export function createPendingOutbox<Id = unknown>(options: PendingOutboxOptions<Id>): PendingOutbox {
  const markers = options.markers as unknown as Collection<PendingMarker>;
  const graceMs = options.graceMs ?? 30_000;
  const listeners = new Set<(id: unknown) => void>();
  const mark = (id: unknown) =>
    markers.updateOne({ _id: id } as Filter<PendingMarker>, { $set: { at: new Date() } }, { upsert: true });

  return {
    markers,
    graceMs,
    async write<T>(id: unknown, update: () => Promise<T>): Promise<T> {
      const started = performance.now();
      await mark(id);
      try {
        return await update();
      } finally {
        // Even a failed update may land later (a timeout): a late marker keeps the sweep off it meanwhile.
        if (performance.now() - started > graceMs / 2) await mark(id).catch(() => undefined);
        for (const listener of listeners) listener(id);
      }
    },
    onWritten(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
