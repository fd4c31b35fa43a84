import { dltTopic } from '@partyline/contracts';
import type { IHeaders, Kafka } from 'kafkajs';
import { retryPolicy } from '../consumer/backoff.js';
import {
  applyMessage,
  type DeadLetterClass,
  type PriorTries,
  type RawMessage,
} from '../consumer/apply-message.js';
import { classifyFailure } from '../consumer/classify.js';
import { errorMessage } from '../logger.js';
import type { ConsumerHandle, ConsumerOptions, ConsumerStats, EventsLogger } from '../types.js';
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
  /** `undecodable`, `schema-invalid`, `no-handler`, `deterministic` or `unknown` (see `classifyFailure`). */
  failureClass: 'dlt-failure-class',
} as const;

/** Default session timeout: the broker's usual minimum (`group.min.session.timeout.ms`). */
export const DEFAULT_SESSION_TIMEOUT_MS = 6000;

/** A partition waiting to retry a message after a transient failure. */
interface Waiting extends PriorTries {
  offset: string;
  /** Transient retries so far. */
  retries: number;
  since: number;
  lastLogAt: number;
  timer?: NodeJS.Timeout;
}

/** Retry log lines: the first few of an outage, then one per partition every this often. */
const RETRY_LOG_EVERY_MS = 10_000;
const RETRY_LOG_FIRST = 3;

const defaultOnFatal = (): void => process.exit(1);

export function runKafkaConsumer<E extends { type: string }>(
  kafka: Kafka,
  options: Omit<ConsumerOptions<E>, 'client'>,
  clientLogger: EventsLogger,
): ConsumerHandle {
  const { groupId, topic, schema, handlers } = options;
  const logger = options.logger ?? clientLogger;
  const onFatal = options.onFatal ?? defaultOnFatal;
  const classify = options.classifyFailure ?? classifyFailure;
  const policy = retryPolicy(options.retry);
  const sessionTimeout = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  const heartbeatInterval = Math.max(
    100,
    Math.min(options.heartbeatIntervalMs ?? 1000, Math.floor(sessionTimeout / 3)),
  );
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // A short fetch wait keeps stop() (which waits for the fetch in flight) quick on SIGTERM.
    maxWaitTimeInMs: 500,
    sessionTimeout,
    heartbeatInterval,
  });
  const dlt = createIdempotentProducer(kafka);
  let stopping = false;
  const stopController = new AbortController();
  const waiting = new Map<number, Waiting>();
  const counters = { applied: 0, deadLettered: 0, transientRetries: 0, failedRetries: 0 };

  let markReady!: () => void;
  let failReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined); // a caller that never awaits `ready` must not get an unhandled rejection

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    logger.info({ groupId, topic, assignment: payload.memberAssignment }, 'consumer joined its group');
    // A partition that went to another member while it waited: forget it, and unpause it here so that it
    // flows if it ever comes back (kafkajs keeps a pause across rebalances).
    const assigned = new Set(payload.memberAssignment[topic] ?? []);
    for (const [partition, state] of waiting) {
      if (assigned.has(partition)) continue;
      clearTimeout(state.timer);
      waiting.delete(partition);
      try {
        consumer.resume([{ topic, partitions: [partition] }]);
      } catch {
        // not running at this instant: nothing is paused then
      }
    }
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

  const deadLetter = async (
    message: RawMessage,
    error: string,
    attempts: number,
    failure: DeadLetterClass,
    headers: IHeaders,
  ) => {
    logger.error(
      { groupId, topic, partition: message.partition, offset: message.offset, failure, error },
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
            [DltHeaders.failureClass]: failure,
          },
        },
      ],
    });
    counters.deadLettered++;
  };

  /**
   * A transient failure: the message stays uncommitted, the fetch position goes back to it, and its
   * partition is paused for a backoff, then resumed, so kafkajs delivers it again. Nothing blocks
   * eachMessage meanwhile: the consumer keeps heartbeating and its other partitions keep flowing (kafkajs
   * 2.2 fetches again only once every batch of the last fetch was handled, so waiting inside eachMessage
   * would stall every partition of the consumer, not just this one).
   */
  const retryLater = (
    t: string,
    partition: number,
    offset: string,
    tries: PriorTries,
    error: unknown,
    pause: () => () => void,
  ) => {
    const now = Date.now();
    const previous = waiting.get(partition);
    const same = previous?.offset === offset ? previous : undefined;
    const state: Waiting = {
      ...tries,
      offset,
      retries: (same?.retries ?? 0) + 1,
      since: same?.since ?? now,
      lastLogAt: same?.lastLogAt ?? 0,
    };
    if (previous?.timer) clearTimeout(previous.timer);
    waiting.set(partition, state);
    consumer.seek({ topic: t, partition, offset });
    pause();
    if (stopping) return;
    counters.transientRetries++;
    const delay = Math.round(policy.transientDelayMs(state.retries));
    if (state.retries <= RETRY_LOG_FIRST || now - state.lastLogAt >= RETRY_LOG_EVERY_MS) {
      state.lastLogAt = now;
      logger.warn(
        {
          groupId,
          topic: t,
          partition,
          offset,
          retry: state.retries,
          waitingMs: now - state.since,
          nextInMs: delay,
          err: errorMessage(error),
        },
        'transient failure; partition paused, retrying',
      );
    }
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (stopping) return;
      try {
        consumer.resume([{ topic: t, partitions: [partition] }]);
      } catch {
        // The consumer is between a crash and its restart: the new member starts unpaused anyway.
      }
    }, delay);
  };

  const started = (async () => {
    await dlt.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      // Offsets are committed by hand, one message at a time, only after its effect is durable.
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message, heartbeat, pause }) => {
        const raw: RawMessage = {
          topic: t,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
        };
        const previous = waiting.get(partition);
        const prior = previous?.offset === message.offset ? previous : undefined;
        // kafkajs heartbeats only between messages; keep the membership alive during a slow handler
        // (a short session timeout would otherwise hand the partition to another member mid-way).
        const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), heartbeatInterval);
        let outcome;
        try {
          outcome = await applyMessage(
            raw,
            {
              schema,
              handlers,
              policy,
              classify,
              logger,
              heartbeat,
              stopSignal: stopController.signal,
              onFailedRetry: () => void counters.failedRetries++,
              deadLetter: (m, error, attempts, failure) =>
                deadLetter(m, error, attempts, failure, message.headers ?? {}),
            },
            prior,
          );
        } finally {
          clearInterval(keepAlive);
        }
        if (outcome.kind === 'transient') {
          retryLater(t, partition, message.offset, outcome.tries, outcome.error, pause);
          return;
        }
        if (outcome.kind === 'abandoned') {
          // Stopping: not committed, so the next member of the group gets it again.
          consumer.seek({ topic: t, partition, offset: message.offset });
          pause();
          return;
        }
        if (previous) {
          waiting.delete(partition);
          if (prior)
            logger.info(
              {
                groupId,
                topic: t,
                partition,
                offset: message.offset,
                retries: prior.retries,
                waitedMs: Date.now() - prior.since,
              },
              'transient failure over; event applied, partition moving on',
            );
        }
        if (outcome.kind === 'applied') counters.applied++;
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
    stats: (): ConsumerStats => ({
      ...counters,
      waitingPartitions: [...waiting.keys()].sort((a, b) => a - b),
    }),
    async stop() {
      stopping = true;
      // Ends every backoff at once: a paused partition stays paused and its message uncommitted.
      stopController.abort();
      for (const state of waiting.values()) clearTimeout(state.timer);
      await started.catch(() => undefined);
      // disconnect() waits for the message in flight, then leaves the group.
      await consumer.disconnect();
      await dlt.disconnect();
    },
  };
}
