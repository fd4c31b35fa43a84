// Issue 16.2: accounts-service on the opt-in Redis Cluster (scripts/stack.sh cluster-up redis): with
// REDIS_CLUSTER_NODES its sign-in limit and the OAuth state live in the cluster, shared by its instances.
// Runs only with PARTYLINE_TEST_REDIS_CLUSTER=1 (`make test-redis-cluster`); the default run leaves it out
// (vitest.config.ts).
import { execFileSync } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';

import { Browser } from './support/browser.js';
import { startMockGitHub } from './support/mock-providers.js';
import { PUBLIC_URL, beginSignIn } from './support/oauth-flow.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';

const clusterNodes = process.env['PARTYLINE_REDIS_CLUSTER_NODES'] ?? '';
const seedPort = new URL(clusterNodes.split(',')[0] || 'redis://127.0.0.1:57001').port;
/** GET through the cluster (redis-cli -c follows the MOVED to the key's primary). */
const clusterGet = (key: string) =>
  execFileSync('redis-cli', ['-c', '-h', '127.0.0.1', '-p', seedPort, 'GET', key], {
    encoding: 'utf8',
  }).trim();

describe('accounts-service on a Redis Cluster', () => {
  let one: TestService;
  let two: TestService;
  let github: Awaited<ReturnType<typeof startMockGitHub>>;

  beforeAll(async () => {
    github = await startMockGitHub();
    // Two instances of one deployment: the same database, topics, consumer group and Redis prefix.
    const config = testConfig(
      { DEV_SIGNIN: 'true', REDIS_CLUSTER_NODES: clusterNodes, PUBLIC_URL, ...github.env },
      {
        rateLimits: {
          signIn: { points: 4, durationSeconds: 60 },
          refresh: { points: 100, durationSeconds: 60 },
        },
      },
    );
    expect(config.redisClusterNodes.length).toBeGreaterThan(0);
    one = await startTestService(config);
    two = await startTestService(config);
  });
  afterAll(async () => {
    await two?.closeKeepingData();
    await one?.close();
    await github?.stop();
  });

  it('an OAuth sign-in started on one instance finishes on the other, and both spend one sign-in budget kept in the cluster', async () => {
    github.setUser({ id: 1601, login: 'clustered' }, [
      { email: 'clustered@example.com', primary: true, verified: true },
    ]);
    // The state one instance stored is found (and taken) by the other: 2 of the 4 points.
    const flow = await beginSignIn(one.url, 'github');
    const callback = await flow.browser.request(flow.callbackUrl.replace(one.url, two.url));
    expect(callback.status).toBe(302);
    expect(new URL(callback.location!).searchParams.get('error')).toBeNull();

    // Dev sign-ins alternate between the instances: 2 points are left, whoever counts them.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const service = i % 2 === 0 ? one : two;
      const reply = await new Browser().request(`${service.url}/api/auth/dev`, {
        method: 'POST',
        body: { username: `cluster_${i}` },
      });
      statuses.push(reply.status);
      if (reply.status === 429) expect(ErrorBody.parse(reply.body).error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([200, 200, 429, 429]);

    // The counter is a key of the cluster (the client's address as the service saw it).
    const prefix = `${one.config.redisKeyPrefix}rl:signin:`;
    const counted = [clusterGet(`${prefix}::ffff:127.0.0.1`), clusterGet(`${prefix}127.0.0.1`)];
    expect(counted.map(Number).filter((n) => n > 0)).toEqual([6]);
  });
});
