// The node-redis client used for rate limits and the OAuth state store: one server (REDIS_URL) or, when
// REDIS_CLUSTER_NODES lists some of its nodes, a Redis Cluster (ElastiCache cluster mode), the same switch
// as messages-service (@partyline/redis). Every key is used on its own (one rate-limit counter, one OAuth
// state), so no two keys ever need to share a slot.
import { createRedisClient, type RedisClient } from '@partyline/redis';

export type { RedisClient };

export async function connectRedis(url: string, clusterNodes: readonly string[] = []): Promise<RedisClient> {
  const client = createRedisClient(url, clusterNodes);
  client.on('error', () => {
    // Reconnects by itself; readiness reports the outage. Without a listener the error would crash us.
  });
  await client.connect();
  return client;
}
