// Item: a transient failure is not a poison event, the MongoDB side (what accounts-service's memberships
// copy does): a projection in FerretDB through a proxy that the test cuts for 20 s while events flow.
import { PartyEvent, dltTopic } from '@partyline/contracts';
import { runConsumer, versionGuard, type ConsumerHandle } from '@partyline/events';
import { MongoClient, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPartyHandlers } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import {
  messageCount,
  publishThroughOutage,
  retryTimeline,
  waitForConvergence,
  type Latest,
} from './helpers/outage.js';
import { deleteTestTopics, stack, uniqueName } from './helpers/stack.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';

interface PartyDoc {
  _id: string;
  name: string;
  version: number;
  /** Every event id applied to the document, in order: a duplicate would mean applied twice. */
  applied: string[];
}

const { logger, client, publisher } = kafkaTestKit('outage-mongo-test');
const dbName = uniqueName('t_events').replace(/-/g, '_');
const direct = new MongoClient(stack.mongoUrl);
let proxied: MongoClient;
let proxy: TcpProxy;
let copy: Collection<PartyDoc>;
let consumer: ConsumerHandle | undefined;

beforeAll(async () => {
  proxy = await startTcpProxy(stack.mongoUrl);
  // A bounded server selection, so an operation during the outage fails (and is retried by the runner)
  // rather than waiting the driver's default 30 s.
  proxied = new MongoClient(proxy.urlFor(stack.mongoUrl), { serverSelectionTimeoutMS: 3000 });
  await direct.connect();
  await proxied.connect();
  copy = proxied.db(dbName).collection<PartyDoc>('parties');
});
afterAll(async () => {
  await consumer?.stop();
  await publisher.disconnect();
  await proxied.close(true);
  await proxy.close();
  await direct.db(dbName).dropDatabase();
  await direct.close();
  await deleteTestTopics();
});

describe('a MongoDB (FerretDB) projection whose database is unreachable for 20 s', () => {
  it('keeps retrying, then converges to the latest state of every party, applies each event once and dead-letters nothing', async () => {
    const topic = await freshTopic(client, 3);
    consumer = runConsumer({
      client,
      groupId: uniqueName('g'),
      topic,
      schema: PartyEvent,
      logger,
      handlers: allPartyHandlers(async (event) => {
        if (event.type !== 'PartyUpdated') return;
        try {
          await copy.updateOne(
            versionGuard({ _id: event.data.partyId }, event.aggregateVersion),
            {
              $set: { name: event.data.name, version: event.aggregateVersion },
              $push: { applied: event.eventId },
            },
            { upsert: true },
          );
        } catch (error) {
          // The guard did not match an existing (newer or same) document, so the upsert collided with
          // it: already applied (e.g. its effect was stored but the reply was lost in the cut).
          if ((error as { code?: number }).code === 11000) return;
          throw error;
        }
      }),
    });
    await consumer.ready;

    const timeline = await publishThroughOutage({ publisher, topic, proxy });
    const reader = direct.db(dbName).collection<PartyDoc>('parties');
    const convergedAt = await waitForConvergence(timeline, async () => {
      const docs = await reader.find({}).toArray();
      return new Map<string, Latest>(docs.map((d) => [d._id, { name: d.name, version: d.version }]));
    });

    const docs = await reader.find({}).toArray();
    const stats = consumer.stats();
    const retryLines = logger.lines.filter((l) => l.msg === 'transient failure; partition paused, retrying');
    console.info(
      `[outage-mongo] ${timeline.published.length} events; outage ${timeline.restoredAt - timeline.cutAt} ms; ` +
        `converged ${convergedAt - timeline.restoredAt} ms after restore; transient retries ${stats.transientRetries} ` +
        `(${retryLines.length} log lines); dead-lettered ${stats.deadLettered}; ` +
        `retry timeline (partition, retry, waiting ms, next in ms): ${retryTimeline(retryLines)}`,
    );
    // Each party's document holds exactly its events, each once and in order.
    for (const doc of docs) {
      const expected = timeline.published.filter((e) => e.aggregateId === doc._id).map((e) => e.eventId);
      expect(doc.applied).toEqual(expected);
    }
    expect(docs.length).toBe(timeline.latest.size);
    expect(stats.transientRetries).toBeGreaterThan(0);
    expect(stats.deadLettered).toBe(0);
    expect(await messageCount(dltTopic(topic))).toBe(0);
    expect(logger.lines.filter((l) => l.msg === 'sending event to the DLT')).toEqual([]);
  }, 90_000);
});
