import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { stderrLogger } from '../logger.js';
import type { EventBusClient, EventsLogger } from '../types.js';
import { runKafkaConsumer } from './consumer.js';
import { createKafkaPublisher } from './publisher.js';
import { readConsumerLag } from './lag.js';
import { ensureKafkaTopics, topicReplicationFromEnv, type TopicReplication } from './topics.js';

export interface KafkaClientOptions {
  /** `host:port` list, or the comma-separated string of `KAFKA_BROKERS`. */
  brokers: string | readonly string[];
  clientId: string;
  logger?: EventsLogger;
  /** How often a failed broker request is retried before it fails (default 5, at least 1; from 300 ms, doubling). */
  retry?: { retries?: number; initialRetryTimeMs?: number; maxRetryTimeMs?: number };
  /**
   * Replication of the topics `ensureTopics` creates. Default: KAFKA_REPLICATION_FACTOR and
   * KAFKA_MIN_INSYNC_REPLICAS from the environment, and when those are unset the broker's defaults.
   */
  replication?: TopicReplication;
}

/** An event bus on Kafka (kafkajs). Nothing connects until a publisher or consumer is used. */
export function createKafkaClient(options: KafkaClientOptions): EventBusClient {
  const logger = options.logger ?? stderrLogger;
  const brokers =
    typeof options.brokers === 'string'
      ? options.brokers
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : [...options.brokers];
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers,
    // kafkajs logs through ours, so its lines carry the service's fields; below WARN it is only noise.
    logLevel: logLevel.WARN,
    retry: {
      // At least one: kafkajs refuses an idempotent producer that may not retry.
      retries: Math.max(1, options.retry?.retries ?? 5),
      initialRetryTime: options.retry?.initialRetryTimeMs ?? 300,
      maxRetryTime: options.retry?.maxRetryTimeMs ?? 30_000,
    },
    logCreator: () => (entry: LogEntry) => logKafkaEntry(logger, entry),
  });
  const replication = options.replication ?? topicReplicationFromEnv(process.env);
  return {
    ensureTopics: (specs) => ensureKafkaTopics(kafka, specs, replication),
    consumerLag: (groupId, topic) => readConsumerLag(kafka, groupId, topic),
    createPublisher: () => createKafkaPublisher(kafka),
    runConsumer: (consumerOptions) => runKafkaConsumer(kafka, consumerOptions, logger),
  };
}

function logKafkaEntry(logger: EventsLogger, { namespace, level, log }: LogEntry): void {
  const { message, ...extra } = log;
  const obj = { component: 'kafkajs', namespace, ...extra };
  if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(obj, message);
  else if (level === logLevel.WARN) logger.warn(obj, message);
  else if (level === logLevel.INFO) logger.info(obj, message);
  else logger.debug(obj, message);
}
