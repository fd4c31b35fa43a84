// The Redis connections of the gateway: `pub` publishes adapter messages and runs commands (presence,
// rate limits); `sub` holds the sharded subscriptions. Each instance needs its own `sub`: the adapter counts
// servers by subscribers (SHARDNUMSUB), so two instances sharing one connection would look like one.
//
// Redis is one server (REDIS_URL) or, when REDIS_CLUSTER_NODES lists some of its nodes, a Redis Cluster
// (ElastiCache cluster mode): node-redis `createCluster`, which follows MOVED/ASK by itself. The code only
// uses commands that behave the same on both: single-key commands, and multi-key commands, MULTI and Lua
// scripts over keys that share a hash tag (presence keys are `{<prefix>presence}:…`).
//
// The client itself (cluster failover settings included) comes from @partyline/redis, shared with
// accounts-service.
import { createRedisClient, type RedisClient } from '@partyline/redis';

export { createRedisClient, type RedisClient };

export type RedisSource =
  { url: string; clusterNodes?: readonly string[] } | { pub: RedisClient; sub: RedisClient };

interface RedisConnections {
  pub: RedisClient;
  sub: RedisClient;
  /** Closes the connections this module opened (never the ones it was given). */
  close(): Promise<void>;
}

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
