// @partyline/events: Kafka plumbing behind small interfaces: topics, a typed publisher, a consumer runner
// with retries and a DLT, transactional outboxes (PostgreSQL, MongoDB) and their relays, and helpers for
// idempotent, version-guarded projections.
export type * from './types.js';
export { PoisonEventError } from './errors.js';
export { ensureTopics, createPublisher, runConsumer } from './api.js';
export { createKafkaClient, type KafkaClientOptions } from './kafka/client.js';
export { DltHeaders, DEFAULT_SESSION_TIMEOUT_MS } from './kafka/consumer.js';
export { classifyFailure } from './consumer/classify.js';
export {
  registerConsumerMetrics,
  registerOutboxMetrics,
  type ConsumerMetricsOptions,
  type WatchedConsumer,
} from './metrics.js';
export { EventHeaders } from './kafka/publisher.js';
export { OUTBOX_CHANNEL, pgOutboxSchemaSql, writeToOutbox } from './outbox/pg-outbox.js';
export { startPgOutboxRelay, type PgOutboxRelayOptions } from './outbox/pg-relay.js';
export {
  outboxUpdate,
  createPendingOutbox,
  type OutboxDocument,
  type PendingOutbox,
  type PendingOutboxOptions,
  type PendingMarker,
} from './outbox/mongo-outbox.js';
export { startMongoOutboxRelay, type MongoOutboxRelayOptions } from './outbox/mongo-relay.js';
export { createDocumentLock, type DocumentLock } from './outbox/document-lock.js';
export { pgProcessedEventsSql, markProcessed } from './projections/pg-processed.js';
export { versionGuard } from './projections/mongo-version-guard.js';
export {
  type TopicReplication,
  topicReplicationFromEnv,
  kafkaReplicationEnvShape,
  kafkaReplicationSettings,
} from './kafka/topics.js';
