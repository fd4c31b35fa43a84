import { randomUUID } from 'node:crypto';
import { makeEvent, type UserEvent } from '@partyline/contracts';
import {
  createPendingOutbox,
  createKafkaClient,
  createPublisher,
  ensureTopics,
  outboxUpdate,
  startMongoOutboxRelay,
  versionGuard,
  type PendingMarker,
  type Stoppable,
} from '@partyline/events';
import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from './helpers/read-topic.js';
import { recordingLogger, stack, uniqueName, waitFor, deleteTestTopics, testTopic } from './helpers/stack.js';

const logger = recordingLogger();
const client = createKafkaClient({ brokers: stack.brokers, clientId: 'mongo-outbox-test', logger });
const publisher = createPublisher(client);
const mongo = new MongoClient(stack.mongoUrl);
let db: Db;
let relays: Stoppable[] = [];

interface UserDoc {
  _id: string;
  username: string;
  version: number;
  outbox?: UserEvent[];
}

const userEvent = (userId: string, version: number, username: string) =>
  makeEvent(
    version === 1 ? 'UserRegistered' : 'UserUpdated',
    { userId, username, displayName: username, avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z' },
    { aggregateId: userId, aggregateVersion: version, producer: 'events-test', correlationId: randomUUID() },
  );

beforeAll(async () => {
  await mongo.connect();
  db = mongo.db(uniqueName('t_events').replace(/-/g, '_'));
});
afterEach(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  relays = [];
});
afterAll(async () => {
  await publisher.disconnect();
  await db.dropDatabase();
  await mongo.close();
  await deleteTestTopics();
});

describe('MongoDB outbox relay', () => {
  it('when events are pushed with the change they describe, the relay publishes them in order within a second and pulls them', async () => {
    const topic = testTopic('t.user-events');
    await ensureTopics(client, [{ name: topic, partitions: 3, compacted: true }]);
    const users = db.collection<UserDoc>(uniqueName('users'));
    relays.push(startMongoOutboxRelay({ collection: users, topic, publisher, logger }));
    const userId = randomUUID();
    await users.insertOne({ _id: userId, username: 'ada', version: 0 });

    // Each change and its event in one single-document update, guarded by the version read.
    const registered = userEvent(userId, 1, 'ada');
    await users.updateOne(
      { _id: userId, version: 0 },
      { $set: { username: 'ada' }, ...outboxUpdate(registered) },
    );
    const renamed = userEvent(userId, 2, 'ada2');
    const pushedAt = Date.now();
    await users.updateOne(
      { _id: userId, version: 1 },
      { $set: { username: 'ada2' }, ...outboxUpdate(renamed) },
    );

    await waitFor(
      'the outbox emptied',
      async () => (await users.findOne({ _id: userId }))?.outbox?.length === 0,
    );
    // At rest this is a poll (200 ms) plus a publish; the margin is for a CI machine busy with other tests.
    expect(Date.now() - pushedAt).toBeLessThan(1500);
    const doc = await users.findOne({ _id: userId });
    expect(doc).toMatchObject({ username: 'ada2', version: 2, outbox: [] });
    const messages = await readTopic(topic, 2);
    expect(messages.map((m) => JSON.parse(m.value!))).toEqual([registered, renamed]);
    expect(messages.every((m) => m.key === userId)).toBe(true);
  });

  it('when an event is pushed while the relay is publishing, it stays in the document and is published next', async () => {
    const users = db.collection<UserDoc>(uniqueName('users'));
    const userId = randomUUID();
    const first = userEvent(userId, 1, 'ada');
    const second = userEvent(userId, 2, 'ada2');
    await users.insertOne({ _id: userId, username: 'ada', version: 1, outbox: [first] });
    const published: string[][] = [];
    relays.push(
      startMongoOutboxRelay({
        collection: users,
        topic: 'not-used',
        logger,
        publisher: {
          async publish(_topic, events) {
            if (events.length === 0) return;
            published.push(events.map((e) => e.eventId));
            // A writer changes the document between the relay's read and its pull.
            if (published.length === 1) {
              await users.updateOne(
                { _id: userId, version: 1 },
                { $set: { username: 'ada2' }, ...outboxUpdate(second) },
              );
            }
          },
          disconnect: async () => undefined,
        },
      }),
    );

    await waitFor('both events published', () => published.length === 2);
    expect(published).toEqual([[first.eventId], [second.eventId]]);
    await waitFor(
      'the outbox emptied',
      async () => (await users.findOne({ _id: userId }))?.outbox?.length === 0,
    );
    expect(await users.findOne({ _id: userId })).toMatchObject({ username: 'ada2', version: 2 });
  });
});

describe('MongoDB outbox relay woken per document (PendingOutbox)', () => {
  /** The relay's own client, whose commands are recorded: which collections it reads, and how. */
  async function watchedClient() {
    const watched = new MongoClient(stack.mongoUrl, { monitorCommands: true });
    const finds: { collection: string; filter: unknown }[] = [];
    watched.on('commandStarted', (event: CommandStartedEvent) => {
      if (event.commandName === 'find')
        finds.push({ collection: String(event.command['find']), filter: event.command['filter'] });
    });
    await watched.connect();
    return { db: watched.db(db.databaseName), finds, close: () => watched.close() };
  }
  const recorder = () => {
    const published: string[] = [];
    return {
      published,
      publisher: {
        async publish(_topic: string, events: readonly { eventId: string }[]) {
          published.push(...events.map((e) => e.eventId));
        },
        disconnect: async () => undefined,
      },
    };
  };

  it('when a writer pushes through the pending outbox, the relay publishes at once, and at rest it reads only the markers', async () => {
    const name = uniqueName('users');
    const users = db.collection<UserDoc>(name);
    const markers = db.collection<PendingMarker<string>>(`${name}_pending`);
    const watched = await watchedClient();
    const pending = createPendingOutbox({ markers: watched.db.collection(markers.collectionName) });
    const { published, publisher } = recorder();
    relays.push(
      startMongoOutboxRelay({
        collection: watched.db.collection<UserDoc>(name),
        topic: 'not-used',
        publisher,
        logger,
        pending,
        sweepMs: 100,
      }),
    );
    const userId = randomUUID();
    await users.insertOne({ _id: userId, username: 'ada', version: 0 });
    const registered = userEvent(userId, 1, 'ada');
    const pushedAt = Date.now();
    await pending.write(userId, () =>
      users.updateOne(
        { _id: userId, version: 0 },
        { $set: { username: 'ada' }, ...outboxUpdate(registered) },
      ),
    );
    await waitFor('the event published', () => published.length === 1);
    // Woken, not polled: well under the 30 s grace period before the sweep would look at it.
    expect(Date.now() - pushedAt).toBeLessThan(1500);
    await waitFor(
      'the outbox emptied',
      async () => (await users.findOne({ _id: userId }))?.outbox?.length === 0,
    );
    expect(published).toEqual([registered.eventId]);
    // The marker stays until it is older than the grace period (the sweep removes it then).
    expect(await markers.countDocuments({ _id: userId })).toBe(1);

    const before = watched.finds.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    const idle = watched.finds.slice(before);
    // Several sweeps ran (every 100 ms), each a query over the markers; the users were never scanned.
    expect(idle.length).toBeGreaterThan(2);
    expect(idle.every((f) => f.collection === markers.collectionName)).toBe(true);
    // At start, one recovery scan of the users (events written without markers); nothing else but by _id.
    const userFinds = watched.finds.filter((f) => f.collection === name);
    expect(userFinds.filter((f) => JSON.stringify(f.filter).includes('outbox.0'))).toHaveLength(1);
    await watched.close();
  });

  it('when a writer crashed after its update (a marker and events, nobody woken), the sweep publishes them after the grace period and removes the marker', async () => {
    const name = uniqueName('users');
    const users = db.collection<UserDoc>(name);
    const markers = db.collection<PendingMarker<string>>(`${name}_pending`);
    const crashed = randomUUID();
    const aborted = randomUUID(); // crashed before its update: a marker, no events
    const event = userEvent(crashed, 1, 'grace');
    await users.insertMany([
      { _id: crashed, username: 'grace', version: 1, outbox: [event] },
      { _id: aborted, username: 'alan', version: 1, outbox: [] },
    ]);
    const at = new Date();
    await markers.insertMany([
      { _id: crashed, at },
      { _id: aborted, at },
    ]);
    const { published, publisher } = recorder();
    const startedAt = Date.now();
    relays.push(
      startMongoOutboxRelay({
        collection: users,
        topic: 'not-used',
        publisher,
        logger,
        pending: createPendingOutbox({ markers, graceMs: 600 }),
        sweepMs: 100,
        recoveryScan: false, // the marker alone must find it
      }),
    );
    await waitFor('the event published', () => published.length === 1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(500);
    expect(published).toEqual([event.eventId]);
    await waitFor('both markers removed', async () => (await markers.countDocuments({})) === 0);
    expect(await users.findOne({ _id: crashed })).toMatchObject({ outbox: [] });
  });

  it('when events were written without a marker (before markers existed), the recovery scan at start publishes them', async () => {
    const name = uniqueName('users');
    const users = db.collection<UserDoc>(name);
    const userId = randomUUID();
    const event = userEvent(userId, 1, 'old');
    await users.insertOne({ _id: userId, username: 'old', version: 1, outbox: [event] });
    const { published, publisher } = recorder();
    relays.push(
      startMongoOutboxRelay({
        collection: users,
        topic: 'not-used',
        publisher,
        logger,
        pending: createPendingOutbox({ markers: db.collection(`${name}_pending`) }),
      }),
    );
    await waitFor('the event published', () => published.length === 1);
    await waitFor(
      'the outbox emptied',
      async () => (await users.findOne({ _id: userId }))?.outbox?.length === 0,
    );
  });

  it('when a writer renews a marker while the sweep handles it, the marker stays for the next sweep', async () => {
    const name = uniqueName('users');
    const users = db.collection<UserDoc>(name);
    const markers = db.collection<PendingMarker<string>>(`${name}_pending`);
    const userId = randomUUID();
    const first = userEvent(userId, 1, 'ada');
    const second = userEvent(userId, 2, 'ada2');
    await users.insertOne({ _id: userId, username: 'ada', version: 1, outbox: [first] });
    await markers.insertOne({ _id: userId, at: new Date(Date.now() - 60_000) });
    const pending = createPendingOutbox({ markers, graceMs: 30_000 });
    const published: string[] = [];
    relays.push(
      startMongoOutboxRelay({
        collection: users,
        topic: 'not-used',
        logger,
        pending,
        sweepMs: 100,
        recoveryScan: false,
        publisher: {
          async publish(_topic, events) {
            published.push(...events.map((e) => e.eventId));
            // A writer of another process (nobody wakes this relay) writes between the sweep's read and its removal.
            if (published.length === 1) {
              await pending.write(userId, () =>
                users.updateOne(
                  { _id: userId, version: 1 },
                  { $set: { username: 'ada2' }, ...outboxUpdate(second) },
                ),
              );
            }
          },
          disconnect: async () => undefined,
        },
      }),
    );
    await waitFor('both published', () => published.length === 2);
    expect(published).toEqual([first.eventId, second.eventId]);
    await waitFor(
      'the outbox emptied',
      async () => (await users.findOne({ _id: userId }))?.outbox?.length === 0,
    );
    // The renewed marker is younger than the grace period: kept, swept (and removed) only later.
    expect(await markers.countDocuments({ _id: userId })).toBe(1);
  });
});

describe('versionGuard', () => {
  it('when an older or repeated event arrives after a newer one, the projection keeps the newer state', async () => {
    const copies = db.collection<{ _id: string; name: string; version: number }>(uniqueName('copies'));
    await copies.insertOne({ _id: 'u1', name: 'v1', version: 1 });
    const apply = (version: number, name: string) =>
      copies.updateOne(versionGuard({ _id: 'u1' }, version), { $set: { name, version } });

    expect((await apply(3, 'v3')).modifiedCount).toBe(1);
    expect((await apply(2, 'v2')).modifiedCount).toBe(0);
    expect((await apply(3, 'v3 again')).modifiedCount).toBe(0);
    expect(await copies.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', name: 'v3', version: 3 });
  });
});
