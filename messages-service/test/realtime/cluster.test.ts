// Two gateway instances on different ports sharing Redis behave as one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { nextEvent, record, request } from './support/wait.js';

describe('realtime gateway across two instances', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  it('when a member sends through instance 2, a member connected to instance 1 receives the message', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);

    const received = nextEvent(aliceClient, 'message:created', (m) => m.nonce === 'nonce-cluster-1');
    const reply = await request(bobClient, 'message:send', {
      topicId: topic.id,
      body: 'hello from two',
      nonce: 'nonce-cluster-1',
    });

    expect(reply).toMatchObject({ ok: true, message: { body: 'hello from two', seq: 1, topicId: topic.id } });
    const message = await received;
    expect(message).toMatchObject({ body: 'hello from two', seq: 1, author: { id: bob.id } });
    if (!reply.ok) throw new Error('unreachable');
    expect(message.id).toBe(reply.message.id);
  });

  it('when the same nonce is sent twice, both acks carry the one stored message', async () => {
    const alice = world.user('alice');
    const { topic } = await createParty(one.services, alice);
    const client = await world.connectAs(two, alice);
    const payload = { topicId: topic.id, body: 'once', nonce: 'nonce-retry-01' };

    const [first, second] = await Promise.all([
      request(client, 'message:send', payload),
      request(client, 'message:send', payload),
    ]);

    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.message.id).toBe(first.message.id);
    expect(second.message.seq).toBe(1);
  });

  it('when someone joins a party, their sockets on the other instance receive its events at once', async () => {
    const alice = world.user('alice');
    const carol = world.user('carol');
    const { party, topic } = await createParty(one.services, alice);
    const carolClient = await world.connectAs(two, carol);

    const joined = nextEvent(carolClient, 'member:joined', (m) => m.userId === carol.id);
    const invite = await one.services.invites.create(alice, party.id, {});
    await one.services.invites.accept(carol, invite.code);
    await joined;

    const received = nextEvent(carolClient, 'message:created', (m) => m.topicId === topic.id);
    await one.services.messages.send(alice, { topicId: topic.id, body: 'welcome', nonce: 'nonce-welcome' });
    expect(await received).toMatchObject({ body: 'welcome' });
  });

  it('when a member is removed, their sockets on every instance stop receiving the party at once', async () => {
    const alice = world.user('alice');
    const dave = world.user('dave');
    const { party, topic } = await createParty(one.services, alice, [dave]);
    const onOne = await world.connectAs(one, dave);
    const onTwo = await world.connectAs(two, dave);
    const aliceClient = await world.connectAs(one, alice);
    const seenOnOne = record(onOne, 'message:created');
    const seenOnTwo = record(onTwo, 'message:created');

    const left = nextEvent(onTwo, 'member:left', (e) => e.userId === dave.id);
    await one.services.members.remove(alice, party.id, dave.id);
    expect(await left).toEqual({ partyId: party.id, userId: dave.id });

    // Alice's own copy of the next message proves it was broadcast after the removal.
    const aliceGot = nextEvent(aliceClient, 'message:created', (m) => m.nonce === 'nonce-after-removal');
    await request(aliceClient, 'message:send', {
      topicId: topic.id,
      body: 'secret',
      nonce: 'nonce-after-removal',
    });
    await aliceGot;
    // A round trip on each of dave's sockets: anything broadcast before it would have arrived by now.
    await request(onOne, 'presence:list', { partyId: party.id });
    await request(onTwo, 'presence:list', { partyId: party.id });
    expect(seenOnOne).toEqual([]);
    expect(seenOnTwo).toEqual([]);

    const refused = await request(onTwo, 'message:send', {
      topicId: topic.id,
      body: 'still here?',
      nonce: 'nonce-removed',
    });
    expect(refused).toMatchObject({ ok: false });
  });
});
