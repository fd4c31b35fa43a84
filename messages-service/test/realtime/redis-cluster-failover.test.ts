// Issue 16.2: on a Redis Cluster (scripts/stack.sh cluster-up redis), SIGKILL the primary that owns the
// adapter's channel slot; once its replica takes over, fan-out between instances and presence work again.
// Runs only with PARTYLINE_TEST_REDIS_CLUSTER=1 (`make test-redis-cluster`); the default run leaves it out (vitest.config.ts).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRedisClient } from '../../src/realtime/redis.js';
import { stackEnv } from '../helpers/env.js';
import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { nextEvent, request } from './support/wait.js';

const enabled = stackEnv.redisClusterNodes.length > 0;
const root = resolve(__dirname, '../../..');
const redisCli = (port: string, ...args: string[]) =>
  execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', port, ...args], { encoding: 'utf8' }).trim();

describe('realtime on a Redis Cluster losing a primary', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(async () => {
    await world?.close();
    // The killed node comes back as a replica of the node that took over (same nodes.conf).
    if (enabled)
      execFileSync('bash', [resolve(root, 'scripts/stack.sh'), 'cluster-up', 'redis'], { stdio: 'ignore' });
  }, 60_000);

  it('fan-out and presence recover once the replica is promoted', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { party, topic } = await createParty(one.services, alice, [bob]);
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);
    const send = async (nonce: string) => {
      const received = nextEvent(aliceClient, 'message:created', (m) => m.nonce === nonce, 2_000);
      const reply = await request(bobClient, 'message:send', { topicId: topic.id, body: nonce, nonce });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      await received;
    };
    await send('before-kill-0001');

    // The primary serving the adapter's channel, and whether it also holds the presence keys.
    const seed = new URL(stackEnv.redisClusterNodes[0]!).port;
    const channel = `${world.keyPrefix}socket.io#/#`;
    const slot = Number(redisCli(seed, 'CLUSTER', 'KEYSLOT', channel));
    const presenceSlot = Number(
      redisCli(seed, 'CLUSTER', 'KEYSLOT', `{${world.keyPrefix}presence}:instances`),
    );
    const owner = (s: number) =>
      redisCli(seed, 'CLUSTER', 'NODES')
        .split('\n')
        .map((line) => line.split(' '))
        .find(
          (f) =>
            f[2]!.includes('master') &&
            f.slice(8).some((r) => {
              const [a, b] = r.split('-').map(Number);
              return s >= a! && s <= (b ?? a!);
            }),
        )!;
    const victim = owner(slot);
    const victimPort = victim[1]!.split(':')[1]!.split('@')[0]!;
    const presenceOnVictim = owner(presenceSlot)[0] === victim[0];
    const pid = Number(/process_id:(\d+)/.exec(redisCli(victimPort, 'INFO', 'server'))![1]);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();

    let fanOutAt = 0;
    for (let i = 1; fanOutAt === 0; i++) {
      if (Date.now() - killedAt > 30_000) throw new Error('fan-out did not recover within 30 s');
      try {
        await send(`after-kill-${String(i).padStart(4, '0')}`);
        fanOutAt = Date.now();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Presence: a new member connecting to instance 2 is seen online from instance 1.
    const carol = world.user('carol');
    await createParty(one.services, carol);
    await request(await world.connectAs(one, carol), 'presence:list', { partyId: party.id }).catch(
      () => null,
    );
    let presenceAt = 0;
    const probe = world.user('dave');
    const { party: probeParty } = await createParty(one.services, alice, [probe]);
    const seen = nextEvent(aliceClient, 'presence', (p) => p.userId === probe.id && p.online, 30_000);
    await world.connectAs(two, probe);
    await seen;
    for (;;) {
      const reply = await request(aliceClient, 'presence:list', { partyId: probeParty.id });
      if (reply.ok && reply.online.includes(probe.id)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    presenceAt = Date.now();
    const admin = createRedisClient(stackEnv.redisUrl, stackEnv.redisClusterNodes);
    await admin.connect();
    const promoted = owner(slot);
    await admin.close();
    console.info(
      `[redis-cluster-failover] killed primary :${victimPort} (channel slot ${slot}; presence keys ${
        presenceOnVictim ? 'on it too' : 'elsewhere'
      }); fan-out back ${fanOutAt - killedAt} ms after the kill; presence back ${presenceAt - killedAt} ms; ` +
        `slot now served by ${promoted[1]}`,
    );
    expect(promoted[0]).not.toBe(victim[0]);
  }, 90_000);
});
