// The node-redis client used for rate limits and the OAuth state store: one server (REDIS_URL) or, when
// REDIS_CLUSTER_NODES lists some of its nodes, a Redis Cluster (ElastiCache cluster mode), the same switch
// as messages-service. Every key is used on its own (one rate-limit counter, one OAuth state), so no two
// keys ever need to share a slot.
import { createClient, createCluster } from 'redis';

// RESP2, as node-redis 5 spoke by default: rate-limiter-flexible reads MULTI replies in their RESP2 shapes.
const RESP = 2;

const createServerClient = (url: string) => createClient({ url, RESP });

export type RedisClient = ReturnType<typeof createServerClient>;

/**
 * How soon a cluster client asks for the topology again while a node keeps failing to reconnect: a primary
 * that dies sends no MOVED, and without the refresh its slots' commands would wait on a dead address.
 */
const TOPOLOGY_REFRESH_MS = 1_000;

/**
 * The settings of every connection a cluster client opens to the nodes it discovers. node-redis uses the
 * root nodes' URLs only for discovery, so credentials and TLS (`rediss://`, ElastiCache's in-transit
 * encryption; its Redis 7 nodes announce their hostnames, which the certificate names) are repeated here.
 */
function nodeDefaults(url: string) {
  const { username, password, protocol } = new URL(url);
  return {
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    socket: {
      ...(protocol === 'rediss:' ? { tls: true as const } : {}),
      // Reconnect quickly to a node that comes back; each failed attempt also counts towards the refresh.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 500),
    },
  };
}

function createRedisClient(url: string, clusterNodes: readonly string[]): RedisClient {
  if (clusterNodes.length === 0) return createServerClient(url);
  const cluster = createCluster({
    rootNodes: clusterNodes.map((node) => ({ url: node })),
    RESP,
    defaults: nodeDefaults(clusterNodes[0]!),
    topologyRefreshOnReconnectionAttemptStrategy: TOPOLOGY_REFRESH_MS,
  });
  // The cluster client has the surface used here (set, getDel, multi, eval, ping, close).
  return cluster as unknown as RedisClient;
}

export async function connectRedis(url: string, clusterNodes: readonly string[] = []): Promise<RedisClient> {
  const client = createRedisClient(url, clusterNodes);
  client.on('error', () => {
    // Reconnects by itself; readiness reports the outage. Without a listener the error would crash us.
  });
  await client.connect();
  return client;
}
