// Who is online, per party, across instances: on first connect and last disconnect, and when an instance dies.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRedisClient } from '../../src/realtime/redis.js';
import { stackEnv } from '../helpers/env.js';
import {
  createParty,
  createTwoInstanceWorld,
  PRESENCE_TIMING,
  type Gateway,
  type World,
} from './support/world.js';
import { eventually, nextEvent, record, request } from './support/wait.js';

describe('realtime presence', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  const onlineIn = async (client: Parameters<typeof request>[0], partyId: string) => {
    const reply = await request(client, 'presence:list', { partyId });
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    return [...reply.online].sort();
  };

  it('when a member connects to another instance, the party sees them online; offline after their last socket', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { party } = await createParty(one.services, alice, [bob]);
    const aliceClient = await world.connectAs(one, alice);
    const presence = record(aliceClient, 'presence');

    const online = nextEvent(aliceClient, 'presence', (p) => p.userId === bob.id);
    const bobOnTwo = await world.connectAs(two, bob);
    expect(await online).toEqual({ partyId: party.id, userId: bob.id, online: true });
    expect(await onlineIn(aliceClient, party.id)).toEqual([alice.id, bob.id].sort());

    // A second socket of bob's: no news. Closing the first: still online.
    const bobOnOne = await world.connectAs(one, bob);
    bobOnTwo.disconnect();
    await eventually(
      async () => (await onlineIn(aliceClient, party.id)).includes(bob.id),
      2_000,
      'bob online',
    );

    const offline = nextEvent(aliceClient, 'presence', (p) => p.userId === bob.id && !p.online);
    bobOnOne.disconnect();
    expect(await offline).toEqual({ partyId: party.id, userId: bob.id, online: false });
    expect(await onlineIn(aliceClient, party.id)).toEqual([alice.id]);
    expect(presence.filter((p) => p.userId === bob.id).map((p) => p.online)).toEqual([true, false]);
  });

  it('when an instance dies without a goodbye, its users go offline elsewhere within seconds; users also on a live instance stay online', async () => {
    // The doomed instance gets its own Redis connections, which the test cuts as a crash would.
    const cluster = stackEnv.redisClusterNodes.length > 0;
    const pub = createRedisClient(stackEnv.redisUrl, stackEnv.redisClusterNodes).duplicate({
      socket: { reconnectStrategy: false },
    });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    // A cluster client holds a connection per node: there, the crash is the client destroyed at once.
    const connectionIds = cluster ? [] : [await pub.clientId(), await sub.clientId()];
    const doomed = await world.startGateway({ redis: { pub, sub } });

    const alice = world.user('alice');
    const carol = world.user('carol');
    const frank = world.user('frank');
    const { party } = await createParty(one.services, alice, [carol, frank]);
    const aliceClient = await world.connectAs(one, alice);
    const presence = record(aliceClient, 'presence');
    const online = nextEvent(aliceClient, 'presence', (p) => p.userId === carol.id && p.online);
    const carolClient = await world.connectAs(doomed, carol);
    await online;
    // Frank has a socket on the doomed instance and one on a live instance.
    const frankDoomed = await world.connectAs(doomed, frank);
    await world.connectAs(two, frank);

    const offline = nextEvent(
      aliceClient,
      'presence',
      (p) => p.userId === carol.id && !p.online,
      PRESENCE_TIMING.instanceTtlMs + 5_000,
    );
    if (cluster) {
      pub.destroy();
      sub.destroy();
    } else {
      const admin = createRedisClient(stackEnv.redisUrl);
      await admin.connect();
      for (const id of connectionIds) await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(id)]);
      await admin.close();
    }
    // Its process is gone, so are its sockets; their counts stay behind in Redis.
    carolClient.disconnect();
    frankDoomed.disconnect();

    expect(await offline).toEqual({ partyId: party.id, userId: carol.id, online: false });
    expect(await onlineIn(aliceClient, party.id)).toEqual([alice.id, frank.id].sort());
    // The dead instance was reaped as a whole (carol's news proves it): frank never went offline.
    expect(presence.filter((p) => p.userId === frank.id).map((p) => p.online)).toEqual([true]);
    await doomed.close();
  });

  it('when a live instance was taken for dead and reaped, it restores its counts and announces its users again', async () => {
    const instanceId = `paused-${randomUUID()}`;
    const paused = await world.startGateway({ instanceId });
    const alice = world.user('alice');
    const gina = world.user('gina');
    const { party } = await createParty(one.services, alice, [gina]);
    const aliceClient = await world.connectAs(one, alice);
    const online = nextEvent(aliceClient, 'presence', (p) => p.userId === gina.id && p.online);
    await world.connectAs(paused, gina);
    await online;

    // What a reaper does to an instance whose heartbeat lapsed (say, a long GC pause).
    const admin = createRedisClient(stackEnv.redisUrl, stackEnv.redisClusterNodes);
    await admin.connect();
    const again = nextEvent(aliceClient, 'presence', (p) => p.userId === gina.id && p.online);
    await admin
      .multi()
      .zRem(`{${world.keyPrefix}presence}:instances`, instanceId)
      .del(`{${world.keyPrefix}presence}:instance:${instanceId}`)
      .hDel(`{${world.keyPrefix}presence}:user:${gina.id}`, instanceId)
      .exec();
    await admin.close();

    expect(await again).toEqual({ partyId: party.id, userId: gina.id, online: true });
    expect(await onlineIn(aliceClient, party.id)).toEqual([alice.id, gina.id].sort());
  });

  it('when a user joins a party while online, its members see them online', async () => {
    const alice = world.user('alice');
    const erin = world.user('erin');
    const { party } = await createParty(one.services, alice);
    await createParty(one.services, erin);
    const aliceClient = await world.connectAs(one, alice);
    await world.connectAs(two, erin);

    const online = nextEvent(aliceClient, 'presence', (p) => p.userId === erin.id && p.partyId === party.id);
    const invite = await one.services.invites.create(alice, party.id, {});
    await one.services.invites.accept(erin, invite.code);

    expect(await online).toEqual({ partyId: party.id, userId: erin.id, online: true });
    expect(await onlineIn(aliceClient, party.id)).toEqual([alice.id, erin.id].sort());
  });
});
