// The node-redis client used for rate limits and the OAuth state store.
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export async function connectRedis(url: string): Promise<RedisClient> {
  const client = createClient({ url });
  client.on('error', () => {
    // Reconnects by itself; readiness reports the outage. Without a listener the error would crash us.
  });
  await client.connect();
  return client;
}
