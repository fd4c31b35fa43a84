// Reading and writing the test's own Kafka topics directly, as another service would.
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';

import { randomSuffix, stack } from './stack.js';

const kafka = new Kafka({
  clientId: 'accounts-tests',
  brokers: stack.kafkaBrokers.split(','),
  logLevel: logLevel.NOTHING,
});

export interface TopicReader {
  /** Every message value read so far, parsed as JSON, with its key. */
  messages: { key: string | null; value: unknown }[];
  /** Resolves when `predicate` holds for what was read (polling), or fails after `timeoutMs`. */
  waitFor(predicate: (values: unknown[]) => boolean, timeoutMs?: number): Promise<unknown[]>;
  stop(): Promise<void>;
}

/** Reads `topic` from the beginning in a group of its own. */
export async function readTopic(topic: string): Promise<TopicReader> {
  const consumer: Consumer = kafka.consumer({ groupId: `t-reader-${randomSuffix()}` });
  const messages: TopicReader['messages'] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push({
        key: message.key?.toString() ?? null,
        value: JSON.parse(message.value?.toString() ?? 'null'),
      });
    },
  });
  return {
    messages,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const values = messages.map((m) => m.value);
        if (predicate(values)) return values;
        if (Date.now() > deadline) throw new Error(`timed out; read ${JSON.stringify(values)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () => consumer.disconnect(),
  };
}

/** Produces JSON events keyed by their aggregateId (what messages-service's relay does). */
export async function produce(topic: string, events: { aggregateId: string }[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Polls until `check` stops throwing (for eventually consistent projections). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** True when `groupId` has committed every message of `topic` (it has read the whole topic). */
export async function groupCaughtUp(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const mine = committed?.partitions.find((p) => p.partition === end.partition);
      return Number(end.offset) === 0 || (mine !== undefined && Number(mine.offset) >= Number(end.offset));
    });
  } finally {
    await admin.disconnect();
  }
}
