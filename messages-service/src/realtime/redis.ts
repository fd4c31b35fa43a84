// The Redis connections of the gateway: `pub` publishes adapter messages and runs commands (presence,
// rate limits); `sub` holds the sharded subscriptions. Each instance needs its own `sub`: the adapter counts
// servers by subscribers (SHARDNUMSUB), so two instances sharing one connection would look like one.
//
// Redis is one server (REDIS_URL) or, when REDIS_CLUSTER_NODES lists some of its nodes, a Redis Cluster
// (ElastiCache cluster mode): node-redis `createCluster`, which follows MOVED/ASK by itself. The code only
// uses commands that behave the same on both: single-key commands, and multi-key commands, MULTI and Lua
// scripts over keys that share a hash tag (presence keys are `{<prefix>presence}:…`).
//
// A primary that dies sends no MOVED: its connections just retry a dead address. node-redis 6 refreshes the
// topology while a node keeps failing to reconnect (`topologyRefreshOnReconnectionAttemptStrategy`) and
// moves the sharded subscriptions of a node that left to the slot's new owner (node-redis #3223; 5.x dropped
// them, and fan-out between instances stopped for good after a failover).
import { createClient, createCluster } from 'redis';

// RESP2, as node-redis 5 spoke by default: the adapter parses PUBSUB SHARDNUMSUB replies and the rate limiter
// reads MULTI replies in their RESP2 shapes. It also keeps Enterprise maintenance push handling off.
const RESP = 2;

const createServerClient = (url: string) => createClient({ url, RESP });

export type RedisClient = ReturnType<typeof createServerClient>;

export type RedisSource =
  { url: string; clusterNodes?: readonly string[] } | { pub: RedisClient; sub: RedisClient };

interface RedisConnections {
  pub: RedisClient;
  sub: RedisClient;
  /** Closes the connections this module opened (never the ones it was given). */
  close(): Promise<void>;
}

/**
 * How soon a cluster client asks for the topology again while a node keeps failing to reconnect (and every
 * that often until the node is gone from it). A replica takes over about cluster-node-timeout plus an
 * election after its primary dies (ElastiCache: about 10–30 s, locally about 3 s), so fan-out and presence
 * are back within about this long after the promotion. It costs one CLUSTER SLOTS per interval, only while
 * a node is unreachable.
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
 * same command surface for what this service calls (eval, multi, the hash and sorted-set commands, the
 * sharded pub/sub ones, withCommandOptions, duplicate, ping, close), so it is handed around as one type.
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

/** REDIS_CLUSTER_NODES: comma-separated redis:// URLs of some cluster nodes (empty: one server). */
export const parseClusterNodes = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

export async function connectRedis(
  source: RedisSource,
  onError: (error: unknown) => void,
): Promise<RedisConnections> {
  if ('pub' in source) return { pub: source.pub, sub: source.sub, close: async () => {} };
  const pub = createRedisClient(source.url, source.clusterNodes);
  const sub = pub.duplicate();
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    async close() {
      if (source.clusterNodes?.length) await shardedUnsubscribed(sub);
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}

/**
 * `sub` as the adapter should see it: the adapter calls sUnsubscribe without handling its promise (on close,
 * and per room in the dynamic mode), so on a client that crashed or a shard in the middle of a failover it
 * would reject unhandled and end the process. Here that failure is reported instead. A view made with
 * Object.create, as node-redis makes its own (withCommandOptions): every other call reaches `sub` itself.
 */
export function reportingUnsubscribes(sub: RedisClient, onError: (error: unknown) => void): RedisClient {
  const view = Object.create(sub) as RedisClient;
  const unsubscribe = sub.sUnsubscribe.bind(sub) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(view, {
    sUnsubscribe: async (...args: unknown[]) => {
      try {
        await unsubscribe(...args);
      } catch (error) {
        onError(error);
      }
    },
  });
  return view;
}

/**
 * A cluster client drops a shard's pub/sub connection once its last channel there is unsubscribed; the
 * adapter unsubscribes on close without waiting, and closing the client under that step rejects it
 * unhandled. Waits (at most a second) until every shard's pub/sub connection is gone.
 */
async function shardedUnsubscribed(sub: RedisClient): Promise<void> {
  const masters = (sub as unknown as { masters?: { pubSub?: unknown }[] }).masters ?? [];
  const deadline = Date.now() + 1_000;
  while (masters.some((master) => master.pubSub !== undefined) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Closes a client, waiting for its pending commands at most `graceMs`. After a Redis outage a command
 * queued while reconnecting may never be answered, and awaiting close() would hang the shutdown for good.
 * Past the grace the shutdown goes on and the client finishes closing by itself; it is not destroyed,
 * since that would reject the pending commands of callers that no longer wait for them.
 */
export async function closeRedis(client: { close(): Promise<unknown> }, graceMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
