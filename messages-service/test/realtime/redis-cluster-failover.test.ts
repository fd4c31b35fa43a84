// Issue 16.2: on a Redis Cluster (scripts/stack.sh cluster-up redis), SIGKILL the primary that owns the
// adapter's channel, the presence keys and a user's send-limit counter; once its replica takes over, fan-out
// between instances, presence and the shared send limit work again, without restarting anything.
// Runs only with PARTYLINE_TEST_REDIS_CLUSTER=1 (`make test-redis-cluster`); the default run leaves it out
// (vitest.config.ts).
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { randomSuffix, stackEnv } from '../helpers/env.js';
import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { eventually, nextEvent, request, type TestClient } from './support/wait.js';

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);
const cli = async (port: number, ...args: string[]) =>
  (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ClusterNode {
  id: string;
  port: number;
  primary: boolean;
  failed: boolean;
  primaryId: string;
  ranges: [number, number][];
}

/** CLUSTER NODES, one entry per line: `<id> <ip:port@bus> <flags> <primary id|-> … <slot ranges>`. */
const clusterNodes = async (port: number): Promise<ClusterNode[]> =>
  (await cli(port, 'CLUSTER', 'NODES')).split('\n').map((line) => {
    const f = line.split(' ');
    return {
      id: f[0]!,
      port: Number(f[1]!.split('@')[0]!.split(':')[1]),
      primary: f[2]!.includes('master'),
      failed: f[2]!.includes('fail'),
      primaryId: f[3]!,
      ranges: f
        .slice(8)
        .filter((range) => !range.startsWith('['))
        .map((range) => {
          const [from, to] = range.split('-').map(Number);
          return [from!, to ?? from!];
        }),
    };
  });
const ownerOf = (nodes: ClusterNode[], slot: number) =>
  nodes.find((n) => n.primary && !n.failed && n.ranges.some(([a, b]) => slot >= a && slot <= b));

describe('realtime on a Redis Cluster losing a primary', () => {
  const seed = Number(new URL(stackEnv.redisClusterNodes[0] ?? 'redis://127.0.0.1:57001').port);
  const keySlot = async (key: string) => Number(await cli(seed, 'CLUSTER', 'KEYSLOT', key));
  let world: World;
  let one: Gateway;
  let two: Gateway;
  let nodes: ClusterNode[];
  let victim: ClusterNode;
  let keyPrefix: string;

  beforeAll(async () => {
    nodes = await clusterNodes(seed);
    // A key prefix whose adapter channel and presence keys live on the same primary, one with a replica to
    // take over: killing it takes both away at once.
    for (;;) {
      keyPrefix = `t_${randomSuffix()}:`;
      const channelOwner = ownerOf(nodes, await keySlot(`${keyPrefix}socket.io#/#`));
      const presenceOwner = ownerOf(nodes, await keySlot(`{${keyPrefix}presence}:instances`));
      const replicated = nodes.some((n) => n.primaryId === channelOwner?.id && !n.failed);
      if (channelOwner && channelOwner.id === presenceOwner?.id && replicated) {
        victim = channelOwner;
        break;
      }
    }
    ({ world, one, two } = await createTwoInstanceWorld({}, { keyPrefix }));
  });

  afterAll(async () => {
    await world?.close();
    if (!victim) return;
    // The killed node comes back (same nodes.conf) as a replica of the node that took over; wait until it
    // has caught up, so that every primary has a replica again for the next run.
    execFileSync('bash', [resolve(root, 'scripts/stack.sh'), 'cluster-up', 'redis'], { stdio: 'ignore' });
    await eventually(
      async () => /master_link_status:up/.test(await cli(victim.port, 'INFO', 'replication')),
      30_000,
      `the restarted node :${victim.port} replicating`,
    );
  }, 60_000);

  it('fan-out, presence and the shared send limit recover once the replica is promoted', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const dave = world.user('dave');
    // Carol's send-limit counter lives on the doomed primary too.
    let carol = world.user('carol');
    while (ownerOf(nodes, await keySlot(`${keyPrefix}rl:send:${carol.id}`))?.id !== victim.id) {
      carol = { ...carol, id: randomUUID() };
    }
    const { party, topic } = await createParty(one.services, alice, [bob, carol, dave]);
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);
    const send = async (client: TestClient, nonce: string, receiveMs = 2_000) => {
      const received = nextEvent(aliceClient, 'message:created', (m) => m.nonce === nonce, receiveMs);
      // Abandoned (not awaited) when the send itself fails: its timeout must not surface as unhandled.
      received.catch(() => undefined);
      const reply = await request(client, 'message:send', { topicId: topic.id, body: nonce, nonce });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      await received;
    };
    await send(bobClient, `before-kill-${randomSuffix()}`);

    const channelSlot = await keySlot(`${keyPrefix}socket.io#/#`);
    const survivor = nodes.find((n) => n.primary && !n.failed && n.id !== victim.id)!;
    const pid = Number(/process_id:(\d+)/.exec(await cli(victim.port, 'INFO', 'server'))![1]);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();

    // When the cluster itself has promoted the replica (seen from a surviving primary).
    const promotion = (async () => {
      while (Date.now() - killedAt < 30_000) {
        const owner = ownerOf(await clusterNodes(survivor.port), channelSlot);
        if (owner && owner.id !== victim.id) return { at: Date.now(), owner };
        await sleep(50);
      }
      throw new Error('no replica was promoted within 30 s');
    })();

    // Fan-out: bob's messages reach alice on the other instance again.
    let fanOutAt = 0;
    for (let i = 1; fanOutAt === 0; i++) {
      if (Date.now() - killedAt > 30_000) throw new Error('fan-out did not recover within 30 s');
      try {
        // A short wait per try, so the recovery time is measured to within about half a second.
        await send(bobClient, `after-kill-${i}-${randomSuffix()}`, 400);
        fanOutAt = Date.now();
      } catch {
        await sleep(100);
      }
    }
    const promoted = await promotion;

    // Presence: a member connecting to instance 2 is announced to, and listed by, instance 1; alice and bob,
    // connected through the outage, are online again too (each instance's counts are rebuilt if it was
    // taken for dead meanwhile).
    const seen = nextEvent(aliceClient, 'presence', (p) => p.userId === dave.id && p.online, 30_000);
    await world.connectAs(two, dave);
    await seen;
    const everyone = [alice.id, bob.id, dave.id].sort();
    await eventually(
      async () => {
        const reply = await request(aliceClient, 'presence:list', { partyId: party.id });
        return reply.ok && JSON.stringify([...reply.online].sort()) === JSON.stringify(everyone);
      },
      30_000,
      'presence listing alice, bob and dave',
    );
    const presenceAt = Date.now();

    // The send limit is counted in Redis again, across both instances: 20 sends pass, alternating
    // instances, and the 21st is refused (a per-instance fallback count would let 40 through).
    const carolOne = await world.connectAs(one, carol);
    const carolTwo = await world.connectAs(two, carol);
    for (let i = 0; i < 20; i++)
      await send(i % 2 === 0 ? carolOne : carolTwo, `limit-${i}-${randomSuffix()}`, 5_000);
    const refused = await request(carolTwo, 'message:send', {
      topicId: topic.id,
      body: 'one too many',
      nonce: `limit-over-${randomSuffix()}`,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // The 20 counted sends are in Redis, on the promoted replica (the refused one is blocked in memory).
    expect(await cli(promoted.owner.port, 'GET', `${keyPrefix}rl:send:${carol.id}`)).toBe('20');

    console.info(
      `[redis-cluster-failover] killed primary :${victim.port} (adapter channel, presence keys, a send limit); ` +
        `replica :${promoted.owner.port} promoted ${promoted.at - killedAt} ms after the kill; fan-out back ` +
        `${fanOutAt - killedAt} ms after the kill (${fanOutAt - promoted.at} ms after the promotion); presence ` +
        `back ${presenceAt - killedAt} ms after the kill`,
    );
    expect(promoted.owner.id).not.toBe(victim.id);
  }, 90_000);
});
