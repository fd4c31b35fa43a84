import { randomUUID } from 'node:crypto';
import { PartyEvent, dltTopic } from '@partyline/contracts';
import { runConsumer, type ConsumerHandle } from '@partyline/events';
import { afterAll, describe, expect, it } from 'vitest';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { testKafkaClient } from './helpers/kafka.js';
import { readTopic } from './helpers/read-topic.js';
import {
  rawKafka,
  recordingLogger,
  uniqueName,
  waitFor,
  deleteTestTopics,
  testTopic,
} from './helpers/stack.js';

const logger = recordingLogger();
const running: ConsumerHandle[] = [];
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await deleteTestTopics();
});

describe('consumer runner failures', () => {
  it('when the DLT cannot be written, the offset is not committed past the poison event, and it moves on once it can', async () => {
    const topic = testTopic('t.party-events');
    const kafka = rawKafka();
    const admin = kafka.admin();
    await admin.connect();
    // The topic without its DLT, so dead-lettering fails.
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const [next] = partyRenames(randomUUID(), 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'k', value: 'garbage' },
        { key: 'k', value: JSON.stringify(next) },
      ],
    });
    await producer.disconnect();

    const groupId = uniqueName('g');
    const applied: string[] = [];
    let fatal: unknown;
    // Few broker retries, so each failed DLT write surfaces quickly and kafkajs restarts the consumer.
    const client = testKafkaClient('failures-test', logger, {
      retry: { retries: 1, initialRetryTimeMs: 100 },
    });
    running.push(
      runConsumer({
        client,
        groupId,
        topic,
        schema: PartyEvent,
        logger,
        onFatal: (e) => (fatal = e),
        handlers: allPartyHandlers(async (e) => void applied.push(e.eventId)),
      }),
    );

    const dltAttempts = () => logger.lines.filter((l) => l.msg === 'sending event to the DLT').length;
    await waitFor('a second DLT attempt, after the first failed', () => dltAttempts() >= 2);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0]?.partitions[0]?.offset).toBe('-1');
    expect(applied).toEqual([]);

    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: dltTopic(topic), numPartitions: 1 }],
    });
    await waitFor('the next event applied', () => applied.length === 1, 20_000);
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(dead?.value).toBe('garbage');
    expect(fatal).toBeUndefined();
    await admin.disconnect();
  }, 40_000);

  it('when the consumer cannot start, onFatal is called and ready rejects', async () => {
    const client = testKafkaClient('failures-test', logger, {
      brokers: '127.0.0.1:1',
      retry: { retries: 1, initialRetryTimeMs: 50 },
    });
    let fatal: unknown;
    const consumer = runConsumer({
      client,
      groupId: uniqueName('g'),
      topic: testTopic('t'),
      schema: PartyEvent,
      logger,
      onFatal: (e) => (fatal = e),
      handlers: allPartyHandlers(async () => undefined),
    });
    await expect(consumer.ready).rejects.toThrow();
    expect(fatal).toBeInstanceOf(Error);
    await consumer.stop();
  });
});
