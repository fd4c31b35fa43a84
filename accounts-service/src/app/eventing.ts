// Kafka for this service: the topics, the outbox relay that publishes user events, and the consumer that
// builds the membership copy from party events.
import type { Collection, Document } from 'mongodb';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

import type { KafkaTopicSpec } from '@partyline/contracts';
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  registerConsumerMetrics,
  registerOutboxMetrics,
  startMongoOutboxRelay,
  type DocumentLock,
  type PendingOutbox,
} from '@partyline/events';

import { startMembershipConsumer } from '../memberships/memberships.consumer.js';
import type { MembershipService } from '../memberships/memberships.service.js';
import type { Config } from './config.js';

interface Eventing {
  /** Readiness: resolves when the broker answers. */
  ping(): Promise<void>;
  /** Adds the relay's events_outbox_* and the memberships consumer's events_consumer_* metrics. */
  registerMetrics(registry: Registry): void;
  stop(): Promise<void>;
}

interface EventingDeps {
  config: Config;
  logger: Logger;
  /** The native users collection: the relay drains the outbox arrays of its documents. */
  usersCollection: Collection<Document>;
  /** Shared with the user repository, so the relay's removals never overlap a user update (FerretDB). */
  usersLock: DocumentLock;
  /** Shared with the user repository: it wakes the relay per written user; the relay sweeps its markers. */
  usersOutbox: PendingOutbox;
  memberships: MembershipService;
  /** Called when the consumer stops for good (main exits so the orchestrator restarts us). */
  onFatal?: (error: unknown) => void;
}

const topicSpecs = (config: Config): KafkaTopicSpec[] => [
  // Compacted and keyed by user: the latest full state of every user stays on the topic for rebuilds.
  { name: config.topics.userEvents, partitions: 3, compacted: true },
  { name: config.topics.partyEvents, partitions: 3, compacted: false },
];

export async function startEventing(deps: EventingDeps): Promise<Eventing> {
  const { config, logger } = deps;
  const client = createKafkaClient({
    brokers: config.kafkaBrokers,
    clientId: config.instanceId ? `accounts-service-${config.instanceId}` : 'accounts-service',
    logger,
    replication: config.kafkaReplication,
  });
  await withRetries(() => ensureTopics(client, topicSpecs(config)), logger);
  const publisher = createPublisher(client);
  const relay = startMongoOutboxRelay({
    collection: deps.usersCollection,
    topic: config.topics.userEvents,
    publisher,
    logger,
    documentLock: deps.usersLock,
    pending: deps.usersOutbox,
  });
  const consumer = startMembershipConsumer({
    client,
    groupId: config.consumerGroupId,
    topic: config.topics.partyEvents,
    memberships: deps.memberships,
    logger,
    ...(deps.onFatal ? { onFatal: deps.onFatal } : {}),
  });

  return {
    ping: () => ensureTopics(client, []),
    registerMetrics: (registry) => {
      registerOutboxMetrics(registry, {
        relay: `mongo-outbox:${deps.usersCollection.collectionName}`,
        handle: relay,
        logger,
      });
      registerConsumerMetrics(registry, {
        client,
        logger,
        consumers: [
          { groupId: config.consumerGroupId, topic: config.topics.partyEvents, handle: () => consumer },
        ],
      });
    },
    async stop() {
      await consumer.stop();
      await relay.stop();
      await publisher.disconnect();
    },
  };
}

/** A freshly created topic can briefly answer "not hosted here" while its leaders are elected. */
async function withRetries(action: () => Promise<void>, logger: Logger, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await action();
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      logger.warn({ err, attempt }, 'creating Kafka topics failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
