import type { AnyEvent } from '@partyline/contracts';
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { errorMessage, stderrLogger } from '../logger.js';
import type { EventsLogger, OutboxBacklog, OutboxRelay, Publisher } from '../types.js';
import type { DocumentLock } from './document-lock.js';
import type { PendingMarker, PendingOutbox } from './mongo-outbox.js';
import { startRelayLoop } from './relay-loop.js';

export interface MongoOutboxRelayOptions<D extends Document = Document> {
  /** The aggregates' collection, whose documents carry their pending events in `outbox` (a mongoose model's `.collection` fits). */
  collection: Collection<D>;
  topic: string;
  publisher: Publisher;
  logger?: EventsLogger;
  /**
   * Without `pending`: the poll interval (default 200 ms) of a scan for documents with a non-empty
   * `outbox` (there are no change streams on FerretDB). That scan reads every document on FerretDB 1.x,
   * so its cost grows with the collection: pass `pending` instead.
   */
  pollMs?: number;
  /** Documents handled per drain (default 100). */
  batchSize?: number;
  /** The lock the owning service takes around its own writes to these documents (see document-lock.ts). */
  documentLock?: DocumentLock;
  /**
   * The writers' side (createPendingOutbox): the relay drains each document this process writes as soon
   * as it is written, sweeps the markers older than `pending.graceMs` every `sweepMs` (crash recovery,
   * other processes' writes whose relay died), and never scans the aggregates' collection, except once at
   * start (`recoveryScan`).
   */
  pending?: PendingOutbox;
  /** With `pending`: how often the markers are swept (default 5 s). */
  sweepMs?: number;
  /**
   * With `pending`: scan the whole collection once at start for events without a marker (written before
   * markers existed, or by a writer that does not use them). Default true.
   */
  recoveryScan?: boolean;
}

/** A filter on `_id` alone (the ids come back from the store, or from the writer, typed `unknown`). */
const byId = <T>(_id: unknown) => ({ _id }) as Filter<T>;

interface Pending {
  _id: unknown;
  events: AnyEvent[];
}

/**
 * Publishes the events waiting in documents' `outbox` arrays, in array order, then removes exactly the
 * published events with `$pullAll` (events pushed meanwhile stay for the next drain). A crash between the two publishes
 * them again, and two relays may both publish a document's events: consumers are idempotent and
 * version-guarded. Uses only find/updateOne/deleteOne, which FerretDB 1.x and MongoDB both support.
 *
 * With `pending`, the relay's cost at rest is one query over the (small) markers collection every
 * `sweepMs`, whatever the number of documents: see PendingOutbox for the writers' side.
 */
export function startMongoOutboxRelay<D extends Document>(options: MongoOutboxRelayOptions<D>): OutboxRelay {
  const { topic, publisher, pending } = options;
  // The relay touches only `_id` and `outbox`, whatever the rest of the document's type.
  const collection = options.collection as unknown as Collection<Document>;
  const logger = options.logger ?? stderrLogger;
  const batchSize = options.batchSize ?? 100;
  const name = `mongo-outbox:${collection.collectionName}`;

  /** One send for the whole batch: each document's events are consecutive and share a key, so their order holds. */
  const publishAndPull = async (docs: Pending[]): Promise<number> => {
    const withEvents = docs.filter((doc) => doc.events.length > 0);
    if (withEvents.length === 0) return 0;
    await publisher.publish(
      topic,
      withEvents.flatMap((p) => p.events),
    );
    for (const { _id, events } of withEvents) {
      // $pullAll removes exactly the entries read (FerretDB 1.x ignores a $pull by condition); events
      // pushed since then differ by eventId and stay. The cast: the driver cannot type an untyped array.
      const pull = { $pullAll: { outbox: events } };
      const remove = () => collection.updateOne(byId(_id), pull as unknown as UpdateFilter<Document>);
      await (options.documentLock ? options.documentLock.run(_id, remove) : remove());
    }
    return withEvents.reduce((n, p) => n + p.events.length, 0);
  };

  /** The scan: every document with a non-empty outbox (a full collection scan on FerretDB 1.x). */
  const drainScan = async () => {
    const docs = await collection
      .find({ 'outbox.0': { $exists: true } }, { projection: { _id: 1, outbox: 1 } })
      .limit(batchSize)
      .toArray();
    const published = await publishAndPull(
      docs.map((doc) => ({ _id: doc._id, events: (doc.outbox ?? []) as AnyEvent[] })),
    );
    return { published, full: docs.length === batchSize };
  };

  if (!pending) {
    const scanning = startRelayLoop(name, drainScan, options.pollMs ?? 200, logger);
    return { published: scanning.published, stop: scanning.stop, backlog: () => scanBacklog(collection) };
  }

  const markers = pending.markers as unknown as Collection<PendingMarker>;
  const sweepMs = options.sweepMs ?? 5000;
  /** The documents this process wrote since the last drain (keyed by String(_id)). */
  const woken = new Map<string, unknown>();
  let recovering = options.recoveryScan ?? true;
  let indexed = false;
  let nextSweepAt = 0;

  /** Reads these documents by `_id` (the one filter FerretDB 1.x answers without a full scan). */
  const read = (ids: unknown[]) =>
    Promise.all(
      ids.map(async (_id) => {
        const doc = await collection.findOne(byId(_id), { projection: { _id: 1, outbox: 1 } });
        return { _id, events: ((doc?.['outbox'] as AnyEvent[] | undefined) ?? []) as AnyEvent[] };
      }),
    );

  const drainWoken = async () => {
    const batch = [...woken.entries()].slice(0, batchSize);
    for (const [key] of batch) woken.delete(key);
    try {
      return await publishAndPull(await read(batch.map(([, id]) => id)));
    } catch (error) {
      for (const [key, id] of batch) if (!woken.has(key)) woken.set(key, id);
      throw error;
    }
  };

  /**
   * Markers older than the grace period: drain their documents, then remove each marker unless a writer
   * renewed it meanwhile (the filter on `at`), in which case the next sweep looks again.
   */
  const sweep = async () => {
    const cutoff = new Date(Date.now() - pending.graceMs);
    const stale = await markers
      .find({ at: { $lt: cutoff } })
      .limit(batchSize)
      .toArray();
    const published = await publishAndPull(await read(stale.map((m) => m._id)));
    for (const marker of stale)
      await markers.deleteOne({ ...byId<PendingMarker>(marker._id), at: marker.at });
    return { published, full: stale.length === batchSize };
  };

  const drain = async () => {
    if (!indexed) {
      // Makes the sweep an index range on MongoDB; FerretDB 1.x accepts it (and scans the small collection).
      await markers.createIndex({ at: 1 }).catch((error: unknown) => {
        logger.warn({ relay: name, err: errorMessage(error) }, 'outbox markers index not created');
      });
      indexed = true;
    }
    if (recovering) {
      const result = await drainScan();
      if (!result.full) recovering = false;
      return { published: result.published, full: true };
    }
    let published = 0;
    if (woken.size > 0) published += await drainWoken();
    if (Date.now() >= nextSweepAt) {
      const swept = await sweep();
      published += swept.published;
      if (!swept.full) nextSweepAt = Date.now() + sweepMs;
    }
    return { published, full: woken.size > 0 || Date.now() >= nextSweepAt };
  };

  const loop = startRelayLoop(name, drain, sweepMs, logger);
  const unsubscribe = pending.onWritten((id) => {
    woken.set(String(id), id);
    loop.wake();
  });
  return {
    published: loop.published,
    async backlog() {
      // The markers are the pending documents (a small collection of its own, never the aggregates').
      const [pendingCount, oldest] = await Promise.all([
        markers.countDocuments({}),
        markers
          .find({}, { projection: { at: 1 } })
          .sort({ at: 1 })
          .limit(1)
          .next(),
      ]);
      return { pending: pendingCount, oldestSeconds: oldest ? secondsSince(oldest.at) : 0 };
    },
    async stop() {
      unsubscribe();
      await loop.stop();
    },
  };
}

const secondsSince = (at: Date | string): number => Math.max(0, (Date.now() - new Date(at).getTime()) / 1000);

/** Without markers: the documents holding events and the oldest first event among them (a scan). */
async function scanBacklog(collection: Collection<Document>): Promise<OutboxBacklog> {
  const docs = await collection
    .find({ 'outbox.0': { $exists: true } }, { projection: { outbox: { $slice: 1 } } })
    .toArray();
  const firsts = docs.map((d) => (d['outbox'] as AnyEvent[] | undefined)?.[0]?.occurredAt).filter(Boolean);
  const oldest = firsts.length === 0 ? 0 : Math.max(...firsts.map((at) => secondsSince(at as string)));
  return { pending: docs.length, oldestSeconds: oldest };
}
