import type { KafkaTopicSpec } from '@partyline/contracts';
import type { ConsumerHandle, ConsumerOptions, EventBusClient, Publisher } from './types.js';

/** Creates every topic (and its `.dlt` twin) that does not exist yet; idempotent. */
export const ensureTopics = (client: EventBusClient, specs: readonly KafkaTopicSpec[]): Promise<void> =>
  client.ensureTopics(specs);

/** A publisher (idempotent producer, acks from all in-sync replicas); it connects on first use. */
export const createPublisher = (client: EventBusClient): Publisher => client.createPublisher();

/**
 * Consumes `topic` as `groupId`: decodes each message with `schema`, calls the handler of its type,
 * commits the offset only after the handler resolved. Transient failures (`classifyFailure`) are retried
 * for as long as it takes, the partition paused and nothing committed; an event that can never be applied
 * goes to `<topic>.dlt` after a few tries and the partition moves on.
 */
export const runConsumer = <E extends { type: string }>(options: ConsumerOptions<E>): ConsumerHandle => {
  const { client, ...rest } = options;
  return client.runConsumer(rest);
};
