import type { IHeaders } from 'kafkajs';
import { rawKafka, uniqueName, waitFor } from './stack.js';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

const headerStrings = (headers: IHeaders = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));

/** Reads a topic from the beginning, as an operator would, until `count` messages arrived. */
export async function readTopic(topic: string, count: number, timeoutMs = 15_000): Promise<ReadMessage[]> {
  const consumer = rawKafka().consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headerStrings(message.headers),
        });
      },
    });
    await waitFor(`${count} messages on ${topic}`, () => messages.length >= count, timeoutMs);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
