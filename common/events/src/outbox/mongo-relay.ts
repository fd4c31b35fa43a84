import type { AnyEvent } from '@partyline/contracts';
import type { Collection, Document, UpdateFilter } from 'mongodb';
import { stderrLogger } from '../logger.js';
import type { EventsLogger, Publisher, Stoppable } from '../types.js';
import type { DocumentLock } from './document-lock.js';
import { startRelayLoop } from './relay-loop.js';

export interface MongoOutboxRelayOptions<D extends Document = Document> {
  /** The aggregates' collection, whose documents carry their pending events in `outbox` (a mongoose model's `.collection` fits). */
  collection: Collection<D>;
  topic: string;
  publisher: Publisher;
  logger?: EventsLogger;
  /** Poll interval (default 200 ms): there are no change streams on FerretDB, so polling it is. */
  pollMs?: number;
  /** Documents handled per drain (default 100). */
  batchSize?: number;
  /** The lock the owning service takes around its own writes to these documents (see document-lock.ts). */
  documentLock?: DocumentLock;
}

/**
 * Publishes the events waiting in documents' `outbox` arrays, in array order, then removes exactly the
 * published events with `$pullAll` (events pushed meanwhile stay for the next drain). A crash between the two publishes
 * them again, and two relays may both publish a document's events: consumers are idempotent and
 * version-guarded. Uses only find/updateOne, which FerretDB 1.x and MongoDB both support.
 */
export function startMongoOutboxRelay<D extends Document>(options: MongoOutboxRelayOptions<D>): Stoppable {
  const { topic, publisher } = options;
  // The relay touches only `_id` and `outbox`, whatever the rest of the document's type.
  const collection = options.collection as unknown as Collection<Document>;
  const logger = options.logger ?? stderrLogger;
  const batchSize = options.batchSize ?? 100;

  const drain = async () => {
    const docs = await collection
      .find({ 'outbox.0': { $exists: true } }, { projection: { _id: 1, outbox: 1 } })
      .limit(batchSize)
      .toArray();
    const pending = docs.map((doc) => ({ _id: doc._id, events: (doc.outbox ?? []) as AnyEvent[] }));
    // One send for the whole batch: each document's events are consecutive and share a key, so their order holds.
    await publisher.publish(
      topic,
      pending.flatMap((p) => p.events),
    );
    for (const { _id, events } of pending) {
      // $pullAll removes exactly the entries read (FerretDB 1.x ignores a $pull by condition); events
      // pushed since then differ by eventId and stay. The cast: the driver cannot type an untyped array.
      const pull = { $pullAll: { outbox: events } };
      const remove = () => collection.updateOne({ _id }, pull as unknown as UpdateFilter<Document>);
      await (options.documentLock ? options.documentLock.run(_id, remove) : remove());
    }
    return { published: pending.reduce((n, p) => n + p.events.length, 0), full: docs.length === batchSize };
  };

  return startRelayLoop(`mongo-outbox:${collection.collectionName}`, drain, options.pollMs ?? 200, logger);
}
