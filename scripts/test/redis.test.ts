import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEnv, suffix } from './stack-env.js';

describe('the local stack Redis', () => {
  const client = createClient({ url: stackEnv.redisUrl });
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.quit();
  });

  it('when a key is set with an expiry, then it reads back and is gone after the expiry', async () => {
    const key = `stack-probe:${suffix()}`;
    await client.set(key, 'hello', { PX: 300 });
    expect(await client.get(key)).toBe('hello');
    const ttl = await client.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);

    const deadline = Date.now() + 5_000;
    while ((await client.exists(key)) === 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await client.get(key)).toBeNull();
  });

  it('is Redis 7, which sharded pub/sub needs', async () => {
    const info = await client.info('server');
    const major = Number(/redis_version:(\d+)/.exec(info)?.[1]);
    expect(major).toBeGreaterThanOrEqual(7);
  });
});
