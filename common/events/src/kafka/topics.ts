import { dltTopic, type KafkaTopicSpec } from '@partyline/contracts';
import type { Kafka } from 'kafkajs';

/**
 * Creates the missing topics and their `.dlt` twins (not compacted: every failure is kept for operators).
 * Idempotent and safe to race: kafkajs resolves `createTopics` to false for a topic that already exists.
 */
export async function ensureKafkaTopics(kafka: Kafka, specs: readonly KafkaTopicSpec[]): Promise<void> {
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
          configEntries: [{ name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' }],
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
