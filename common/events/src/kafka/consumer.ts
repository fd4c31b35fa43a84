import { dltTopic } from '@partyline/contracts';
import type { IHeaders, Kafka } from 'kafkajs';
import { retryPolicy } from '../consumer/backoff.js';
import { applyMessage, type RawMessage } from '../consumer/apply-message.js';
import { errorMessage } from '../logger.js';
import type { ConsumerHandle, ConsumerOptions, EventsLogger } from '../types.js';
import { createIdempotentProducer } from './publisher.js';

/** Headers a dead-lettered message carries besides its original ones. */
export const DltHeaders = {
  sourceTopic: 'dlt-source-topic',
  sourcePartition: 'dlt-source-partition',
  sourceOffset: 'dlt-source-offset',
  error: 'dlt-error',
  groupId: 'dlt-group-id',
  attempts: 'dlt-attempts',
  failedAt: 'dlt-failed-at',
} as const;

const defaultOnFatal = (): void => process.exit(1);

export function runKafkaConsumer<E extends { type: string }>(
  kafka: Kafka,
  options: Omit<ConsumerOptions<E>, 'client'>,
  clientLogger: EventsLogger,
): ConsumerHandle {
  const { groupId, topic, schema, handlers } = options;
  const logger = options.logger ?? clientLogger;
  const onFatal = options.onFatal ?? defaultOnFatal;
  const policy = retryPolicy(options.retry);
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // A short fetch wait keeps stop() (which waits for the fetch in flight) quick on SIGTERM.
    maxWaitTimeInMs: 500,
    sessionTimeout,
    heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
  });
  const dlt = createIdempotentProducer(kafka);
  let stopping = false;

  let markReady!: () => void;
  let failReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined); // a caller that never awaits `ready` must not get an unhandled rejection

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    logger.info({ groupId, topic, assignment: payload.memberAssignment }, 'consumer joined its group');
    markReady();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger.error(
      { groupId, topic, err: errorMessage(payload.error), restart: payload.restart },
      'consumer crashed',
    );
    // kafkajs restarts the consumer itself after a retriable crash; otherwise it is gone for good.
    if (!payload.restart && !stopping) {
      failReady(payload.error);
      onFatal(payload.error);
    }
  });

  const deadLetter = async (message: RawMessage, error: string, attempts: number, headers: IHeaders) => {
    logger.error(
      { groupId, topic, partition: message.partition, offset: message.offset, error },
      'sending event to the DLT',
    );
    await dlt.send({
      topic: dltTopic(message.topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...headers,
            [DltHeaders.sourceTopic]: message.topic,
            [DltHeaders.sourcePartition]: String(message.partition),
            [DltHeaders.sourceOffset]: message.offset,
            [DltHeaders.error]: error.slice(0, 2000),
            [DltHeaders.groupId]: groupId,
            [DltHeaders.attempts]: String(attempts),
            [DltHeaders.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
  };

  const started = (async () => {
    await dlt.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      // Offsets are committed by hand, one message at a time, only after its effect is durable.
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message, heartbeat }) => {
        const raw: RawMessage = {
          topic: t,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
        };
        await applyMessage(raw, {
          schema,
          handlers,
          policy,
          logger,
          heartbeat,
          isStopping: () => stopping,
          deadLetter: (m, error, attempts) => deadLetter(m, error, attempts, message.headers ?? {}),
        });
        // The committed offset is the next one to read.
        await consumer.commitOffsets([
          { topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
  })();
  started.catch((error: unknown) => {
    failReady(error);
    if (stopping) return;
    logger.error({ groupId, topic, err: errorMessage(error) }, 'consumer could not start');
    onFatal(error);
  });

  return {
    ready,
    async stop() {
      stopping = true;
      await started.catch(() => undefined);
      // disconnect() waits for the message in flight, then leaves the group.
      await consumer.disconnect();
      await dlt.disconnect();
    },
  };
}
