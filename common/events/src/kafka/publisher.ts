import type { AnyEvent } from '@partyline/contracts';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Publisher } from '../types.js';

/** Header names every published event carries, so tools can route and trace without parsing the value. */
export const EventHeaders = {
  type: 'event-type',
  eventId: 'event-id',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
} as const;

/**
 * An idempotent producer (acks from all in-sync replicas, one request in flight so retries never
 * reorder). Key = aggregateId: one aggregate's events share a partition and keep their order.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export function toKafkaMessage(event: AnyEvent): Message {
  return {
    key: event.aggregateId,
    value: JSON.stringify(event),
    headers: {
      [EventHeaders.type]: event.type,
      [EventHeaders.eventId]: event.eventId,
      [EventHeaders.schemaVersion]: String(event.schemaVersion),
      [EventHeaders.correlationId]: event.correlationId,
    },
  };
}

export function createKafkaPublisher(kafka: Kafka): Publisher {
  const producer = createIdempotentProducer(kafka);
  let connecting: Promise<void> | undefined;
  // Connect on first use; a failed connect is retried by the next publish instead of poisoning the publisher.
  const connect = () =>
    (connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));

  return {
    async publish(topic, events) {
      if (events.length === 0) return;
      await connect();
      await producer.send({ topic, acks: -1, messages: events.map(toKafkaMessage) });
    },
    async disconnect() {
      if (!connecting) return;
      await connecting.catch(() => undefined);
      connecting = undefined;
      await producer.disconnect();
    },
  };
}
