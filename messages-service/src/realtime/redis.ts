// The Redis connections of the gateway: `pub` publishes adapter messages and runs commands (presence,
// rate limits); `sub` holds the sharded subscriptions. Each instance needs its own `sub`: the adapter counts
// servers by subscribers (SHARDNUMSUB), so two instances sharing one connection would look like one.
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export type RedisSource = { url: string } | { pub: RedisClient; sub: RedisClient };

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
  const pub = createClient({ url: source.url });
  const sub = pub.duplicate();
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
