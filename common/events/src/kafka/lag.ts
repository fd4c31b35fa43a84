// How far a consumer group is behind on a topic: per partition, the high watermark minus the group's
// committed offset. Read from the broker (not from the consumer), so a consumer that is stuck or gone still
// shows its lag. A read connects, asks and disconnects: it runs once a scrape, and holds no socket open
// that could keep a stopping process alive.
import type { Kafka } from 'kafkajs';

export interface PartitionLag {
  partition: number;
  lag: number;
}

export async function readConsumerLag(kafka: Kafka, groupId: string, topic: string): Promise<PartitionLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map(
      (committed.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [
        p.partition,
        Number(p.offset),
      ]),
    );
    return ends.map(({ partition, high, low }) => {
      // -1: nothing committed yet, so the group starts at the log start.
      const at = done.get(partition) ?? -1;
      return { partition, lag: Math.max(0, Number(high) - (at < 0 ? Number(low) : at)) };
    });
  } finally {
    await admin.disconnect();
  }
}
