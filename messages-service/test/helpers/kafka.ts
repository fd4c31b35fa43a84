import { Kafka, logLevel } from 'kafkajs';

import { randomSuffix, stackEnv } from './env.js';

const kafka = () =>
  new Kafka({
    clientId: `messages-test-${randomSuffix()}`,
    brokers: stackEnv.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });

export interface ReadMessage {
  key: string | null;
  value: unknown;
}

/** Reads a topic from the beginning into `messages` until stopped. */
export async function readTopic(topic: string): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const consumer = kafka().consumer({ groupId: `t.reader.${randomSuffix()}`, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push({
        key: message.key?.toString() ?? null,
        value: message.value ? JSON.parse(message.value.toString()) : null,
      });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

/** Produces raw values (JSON-encoded unless already a string) keyed by `key`. */
export async function produce(topic: string, entries: { key: string; value: unknown }[]): Promise<void> {
  const producer = kafka().producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: entries.map((e) => ({
      key: e.key,
      value: typeof e.value === 'string' ? e.value : JSON.stringify(e.value),
    })),
  });
  await producer.disconnect();
}

/** Retries `check` until it stops throwing (or the time is up, rethrowing its last error). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
