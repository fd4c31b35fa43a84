import { PartyEvent, UserEvent, dltTopic } from '@partyline/contracts';
import { ensureTopics, runConsumer, type ConsumerHandle } from '@partyline/events';
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPartyHandlers, everyPartyEvent, everyUserEvent } from './helpers/events.js';
import { freshTopic, kafkaTestKit, testKafkaClient } from './helpers/kafka.js';
import { readTopic } from './helpers/read-topic.js';
import { rawKafka, uniqueName, waitFor, deleteTestTopics, testTopic } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('roundtrip-test');
const usersTopic = testTopic('t.user-events');
const partiesTopic = testTopic('t.party-events');
const specs = [
  { name: usersTopic, partitions: 3, compacted: true },
  { name: partiesTopic, partitions: 3, compacted: false },
];
const consumers: ConsumerHandle[] = [];

beforeAll(async () => {
  await ensureTopics(client, specs);
});
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await publisher.disconnect();
  await deleteTestTopics();
});

describe('ensureTopics', () => {
  it('when run again, it succeeds and the topics and their DLTs have the catalog partitions and cleanup policy', async () => {
    await ensureTopics(client, specs);
    const admin = rawKafka().admin();
    await admin.connect();
    try {
      const names = [usersTopic, partiesTopic, dltTopic(usersTopic), dltTopic(partiesTopic)];
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      expect(topics.map((t) => t.partitions.length)).toEqual([3, 3, 3, 3]);
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['cleanup.policy'],
        })),
      });
      const policy = Object.fromEntries(
        resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]),
      );
      expect(policy).toEqual({
        [usersTopic]: 'compact',
        [partiesTopic]: 'delete',
        [dltTopic(usersTopic)]: 'delete',
        [dltTopic(partiesTopic)]: 'delete',
      });
    } finally {
      await admin.disconnect();
    }
  });
});

describe('ensureTopics, raced', () => {
  it('when two instances create the same topics at once, both succeed', async () => {
    const racedSpecs = [{ name: testTopic('t.raced'), partitions: 3, compacted: false }];
    const other = testKafkaClient('roundtrip-test-2', logger);
    await expect(
      Promise.all([ensureTopics(client, racedSpecs), ensureTopics(other, racedSpecs)]),
    ).resolves.toBeDefined();
  });
});

describe('publisher and consumer', () => {
  it('when every event type is published, each reaches the consumer intact, in order per aggregate', async () => {
    const users = everyUserEvent();
    const parties = everyPartyEvent();
    const seenUsers: UserEvent[] = [];
    const seenParties: PartyEvent[] = [];
    const record = async (e: UserEvent) => void seenUsers.push(e);
    consumers.push(
      runConsumer({
        client,
        groupId: uniqueName('g-users'),
        topic: usersTopic,
        schema: UserEvent,
        logger,
        handlers: { UserRegistered: record, UserUpdated: record, UserDeleted: record },
      }),
      runConsumer({
        client,
        groupId: uniqueName('g-parties'),
        topic: partiesTopic,
        schema: PartyEvent,
        logger,
        handlers: allPartyHandlers(async (e) => void seenParties.push(e)),
      }),
    );
    await Promise.all(consumers.map((c) => c.ready));

    await publisher.publish(usersTopic, users);
    await publisher.publish(partiesTopic, parties);

    await waitFor(
      'all events consumed',
      () => seenUsers.length === users.length && seenParties.length === parties.length,
    );
    expect(seenUsers).toEqual(users);
    expect(seenParties).toEqual(parties);
  });

  it('when an event is published, its message is keyed by aggregate id and carries type, id and correlation headers', async () => {
    const [event] = everyUserEvent();
    const topic = await freshTopic(client, 1, 't.headers');
    await publisher.publish(topic, [event!]);
    const [message] = await readTopic(topic, 1);
    expect(message?.key).toBe(event!.aggregateId);
    expect(message?.headers).toMatchObject({
      'event-type': 'UserRegistered',
      'event-id': event!.eventId,
      'correlation-id': event!.correlationId,
      'schema-version': '1',
    });
    expect(JSON.parse(message!.value!)).toEqual(event);
  });
});
