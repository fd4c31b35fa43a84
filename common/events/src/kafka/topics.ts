import { dltTopic, z, type KafkaTopicSpec } from '@partyline/contracts';
import type { Kafka } from 'kafkajs';

/**
 * How many copies of each partition a cluster keeps, and how many must acknowledge a write (`acks: -1`)
 * before it succeeds. Unset: the broker's defaults (one copy on the single-node local stack). A 3-broker
 * cluster: `{ replicationFactor: 3, minInsyncReplicas: 2 }`, so one broker may die with nothing lost.
 */
export interface TopicReplication {
  replicationFactor?: number;
  minInsyncReplicas?: number;
}

/**
 * Spread into a service's environment schema. Copies of each partition of the topics the service creates,
 * and how many must acknowledge a write (a 3-broker cluster or MSK: 3 and 2). Unset: the brokers' defaults.
 */
export const kafkaReplicationEnvShape = {
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).optional(),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).optional(),
};

type KafkaReplicationEnv = z.output<z.ZodObject<typeof kafkaReplicationEnvShape>>;

/**
 * The parsed variables as topic settings (empty when unset), or the problem that makes them unusable:
 * more in-sync replicas required than copies kept means no write could ever be acknowledged.
 */
export function kafkaReplicationSettings(
  env: KafkaReplicationEnv,
): { replication: TopicReplication; problem?: never } | { problem: string } {
  const { KAFKA_REPLICATION_FACTOR: factor, KAFKA_MIN_INSYNC_REPLICAS: minInsync } = env;
  if ((minInsync ?? 1) > (factor ?? Infinity)) {
    return {
      problem: 'KAFKA_MIN_INSYNC_REPLICAS: above KAFKA_REPLICATION_FACTOR, no write could be acknowledged',
    };
  }
  return {
    replication: {
      ...(factor === undefined ? {} : { replicationFactor: factor }),
      ...(minInsync === undefined ? {} : { minInsyncReplicas: minInsync }),
    },
  };
}

/** KAFKA_REPLICATION_FACTOR / KAFKA_MIN_INSYNC_REPLICAS from an environment; empty when unset. */
export function topicReplicationFromEnv(env: Record<string, string | undefined>): TopicReplication {
  const int = (value: string | undefined) =>
    value !== undefined && /^[1-9][0-9]*$/.test(value) ? Number(value) : undefined;
  const replicationFactor = int(env['KAFKA_REPLICATION_FACTOR']);
  const minInsyncReplicas = int(env['KAFKA_MIN_INSYNC_REPLICAS']);
  return {
    ...(replicationFactor === undefined ? {} : { replicationFactor }),
    ...(minInsyncReplicas === undefined ? {} : { minInsyncReplicas }),
  };
}

/**
 * Creates the missing topics and their `.dlt` twins (not compacted: every failure is kept for operators).
 * Idempotent and safe to race: kafkajs resolves `createTopics` to false for a topic that already exists.
 */
export async function ensureKafkaTopics(
  kafka: Kafka,
  specs: readonly KafkaTopicSpec[],
  replication: TopicReplication = {},
): Promise<void> {
  const wanted = specs.flatMap((spec) => [spec, { ...spec, name: dltTopic(spec.name), compacted: false }]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          ...(replication.replicationFactor === undefined
            ? {}
            : { replicationFactor: replication.replicationFactor }),
          configEntries: [
            { name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' },
            ...(replication.minInsyncReplicas === undefined
              ? []
              : [{ name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) }]),
          ],
        })),
      });
    } catch (error) {
      // Another instance may have created some of them between our list and our create.
      const now = new Set(await admin.listTopics());
      if (!wanted.every((spec) => now.has(spec.name))) throw error;
    }
  } finally {
    await admin.disconnect();
  }
}
