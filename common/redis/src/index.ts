// The node-redis client both services use: one server (REDIS_URL) or, when REDIS_CLUSTER_NODES lists some of
// its nodes, a Redis Cluster (ElastiCache cluster mode) through node-redis `createCluster`, which follows
// MOVED/ASK by itself.
//
// A primary that dies sends no MOVED: its connections just retry a dead address. node-redis 6 refreshes the
// topology while a node keeps failing to reconnect (`topologyRefreshOnReconnectionAttemptStrategy`) and
// moves the sharded subscriptions of a node that left to the slot's new owner (node-redis #3223; 5.x dropped
// them, and fan-out between instances stopped for good after a failover).
import { createClient, createCluster } from 'redis';

// RESP2, as node-redis 5 spoke by default: the socket.io adapter parses PUBSUB SHARDNUMSUB replies and
// rate-limiter-flexible reads MULTI replies in their RESP2 shapes. It also keeps Enterprise maintenance push
// handling off.
export const RESP = 2;

const createServerClient = (url: string) => createClient({ url, RESP });

export type RedisClient = ReturnType<typeof createServerClient>;

/**
 * How soon a cluster client asks for the topology again while a node keeps failing to reconnect (and every
 * that often until the node is gone from it). A replica takes over about cluster-node-timeout plus an
 * election after its primary dies (ElastiCache: about 10–30 s, locally about 3 s), so fan-out, presence and
 * rate limits are back within about this long after the promotion. It costs one CLUSTER SLOTS per interval,
 * only while a node is unreachable.
 */
export const TOPOLOGY_REFRESH_MS = 1_000;

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

/**
 * A client for one server, or for a cluster when `clusterNodes` is not empty. A cluster client has the
 * same command surface for what the services call (eval, multi, set/getDel, the hash and sorted-set
 * commands, the sharded pub/sub ones, withCommandOptions, duplicate, ping, close), so it is handed around as
 * one type.
 */
export function createRedisClient(url: string, clusterNodes: readonly string[] = []): RedisClient {
  if (clusterNodes.length === 0) return createServerClient(url);
  const cluster = createCluster({
    rootNodes: clusterNodes.map((node) => ({ url: node })),
    RESP,
    defaults: nodeDefaults(clusterNodes[0]!),
    topologyRefreshOnReconnectionAttemptStrategy: TOPOLOGY_REFRESH_MS,
  });
  return cluster as unknown as RedisClient;
}
