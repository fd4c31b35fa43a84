import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { stackEnv, suffix } from './stack-env.js';

describe('the local stack Kafka', () => {
  const kafka = new Kafka({
    clientId: 'stack-test',
    brokers: stackEnv.kafkaBrokers,
    logLevel: logLevel.ERROR,
  });
  const topic = `stack-probe-${suffix()}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `stack-probe-${suffix()}` });

  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('when messages are produced to a 3-partition topic, then a consumer group receives every one', async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(meta?.partitions).toHaveLength(3);

    await producer.connect();
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    await producer.send({ topic, acks: -1, messages: keys.map((key) => ({ key, value: `value-${key}` })) });

    const received = new Map<string, string>();
    const partitions = new Set<number>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.set(String(message.key), String(message.value));
          partitions.add(partition);
          if (received.size === keys.length) resolve();
        },
      });
    });
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 20_000)),
    ]);

    expect([...received.entries()].sort()).toEqual(keys.map((k) => [k, `value-${k}`]));
    expect(partitions.size).toBeGreaterThan(1);
  });
});
