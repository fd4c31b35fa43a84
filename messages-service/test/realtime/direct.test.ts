// Direct conversations live (issue 15.3): a new conversation reaches its participants' open sockets on
// every instance, its messages arrive like a party topic's and are synced after a reconnect, and nobody
// else hears any of it. No `party:*` event is ever about a conversation.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { nextEvent, record, request } from './support/wait.js';

describe('realtime direct conversations', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  it('when Alice starts a 1:1 on one instance, then Bob’s socket on the other joins it live and gets her messages; a third member hears nothing', async () => {
    const [alice, bob, eve] = [world.user('alice'), world.user('bob'), world.user('eve')];
    const { party } = await createParty(one.services, alice, [bob, eve]);
    const bobClient = await world.connectAs(two, bob);
    const eveClient = await world.connectAs(two, eve);
    const aliceClient = await world.connectAs(one, alice);
    const eveHeard = {
      joined: record(eveClient, 'member:joined'),
      created: record(eveClient, 'message:created'),
      partyUpdated: record(eveClient, 'party:updated'),
    };
    const bobPartyUpdates = record(bobClient, 'party:updated');

    const joined = nextEvent(bobClient, 'member:joined', (m) => m.userId === bob.id);
    const { conversation } = await one.services.direct.create(alice, { userIds: [bob.id] });
    expect(conversation.id).not.toBe(party.id);
    expect(await joined).toMatchObject({ partyId: conversation.id, userId: bob.id, role: 'member' });

    const arrives = nextEvent(bobClient, 'message:created');
    const sent = await request(aliceClient, 'message:send', {
      topicId: conversation.topicId,
      body: 'psst',
      nonce: randomUUID(),
    });
    expect(sent).toMatchObject({ ok: true });
    expect(await arrives).toMatchObject({ partyId: conversation.id, topicId: conversation.topicId, seq: 1 });

    // Eve's socket: a request round trip on each instance, then nothing of the conversation arrived.
    await request(eveClient, 'presence:list', { partyId: party.id });
    await request(aliceClient, 'presence:list', { partyId: party.id });
    expect(eveHeard.joined.filter((m) => m.partyId === conversation.id)).toEqual([]);
    expect(eveHeard.created).toEqual([]);
    expect([...eveHeard.partyUpdated, ...bobPartyUpdates]).toEqual([]);

    // Eve's socket is refused the conversation's topic for sync, typing and sends.
    const sync = await request(eveClient, 'sync', {
      cursors: [{ topicId: conversation.topicId, lastSeq: 0 }],
    });
    expect(sync).toMatchObject({ ok: false, error: { code: 'TOPIC.NOT_FOUND' } });
    const typing = await request(eveClient, 'typing', { topicId: conversation.topicId });
    expect(typing).toMatchObject({ ok: false });
    const intrude = await request(eveClient, 'message:send', {
      topicId: conversation.topicId,
      body: 'hi',
      nonce: randomUUID(),
    });
    expect(intrude).toMatchObject({ ok: false, error: { code: 'TOPIC.NOT_FOUND' } });
  });

  it('when Bob reconnects after missing messages, then his new socket is in the conversation and sync returns them', async () => {
    const [alice, bob] = [world.user('alice'), world.user('bob')];
    await createParty(one.services, alice, [bob]);
    const { conversation } = await one.services.direct.create(alice, { userIds: [bob.id] });
    const first = await world.connectAs(two, bob);
    first.disconnect();
    for (const body of ['one', 'two', 'three']) {
      await one.services.messages.send(alice, { topicId: conversation.topicId, body, nonce: randomUUID() });
    }
    const again = await world.connectAs(one, bob);
    const sync = await request(again, 'sync', { cursors: [{ topicId: conversation.topicId, lastSeq: 0 }] });
    expect(sync).toMatchObject({ ok: true });
    const [result] = (sync as { ok: true; topics: { messages?: { body: string }[] }[] }).topics;
    expect(result?.messages?.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    // Live again from the handshake's rooms, with no new join.
    const live = nextEvent(again, 'message:created');
    await two.services.messages.send(alice, {
      topicId: conversation.topicId,
      body: 'four',
      nonce: randomUUID(),
    });
    expect(await live).toMatchObject({ body: 'four', seq: 4 });
  });

  it('when a group participant leaves, then the others hear member:left and no party:updated, and the leaver’s socket hears no more', async () => {
    const [alice, bob, carol] = [world.user('alice'), world.user('bob'), world.user('carol')];
    await createParty(one.services, alice, [bob, carol]);
    const { conversation } = await one.services.direct.create(alice, { userIds: [bob.id, carol.id] });
    const aliceClient = await world.connectAs(one, alice);
    const carolClient = await world.connectAs(two, carol);
    const alicePartyUpdates = record(aliceClient, 'party:updated');
    const left = nextEvent(aliceClient, 'member:left', (e) => e.partyId === conversation.id);
    await two.services.members.leave(carol, conversation.id);
    expect(await left).toEqual({ partyId: conversation.id, userId: carol.id });

    const carolHeard = record(carolClient, 'message:created');
    const aliceHears = nextEvent(aliceClient, 'message:created');
    await one.services.messages.send(bob, {
      topicId: conversation.topicId,
      body: 'bye carol',
      nonce: randomUUID(),
    });
    await aliceHears;
    await request(carolClient, 'presence:list', { partyId: conversation.id }).catch(() => undefined);
    expect(carolHeard).toEqual([]);
    expect(alicePartyUpdates).toEqual([]);
  });
});
