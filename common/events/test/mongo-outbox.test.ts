import { randomUUID } from 'node:crypto';
import { makeEvent, type UserEvent } from '@partyline/contracts';
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  outboxUpdate,
  startMongoOutboxRelay,
  versionGuard,
  type Stoppable,
} from '@partyline/events';
import { MongoClient, type Db } from 'mongodb';
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
