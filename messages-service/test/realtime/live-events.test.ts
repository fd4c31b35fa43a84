// The small live events: typing notices that expire by themselves, read positions shared with the user's
// other sockets, and edits and deletions pushed to the party.
import { randomUUID } from 'node:crypto';

import { TYPING_TTL_MS } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { nextEvent, record, request } from './support/wait.js';

describe('realtime typing, read state, edits and deletions', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  it('when a member types, the rest of the party is told, with an expiry 6 s ahead; the typist is not', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { party, topic } = await createParty(one.services, alice, [bob]);
    const aliceTyping = await world.connectAs(one, alice);
    const aliceOther = await world.connectAs(two, alice);
    const bobClient = await world.connectAs(two, bob);
    const seenByAlice = record(aliceOther, 'typing');

    const notice = nextEvent(bobClient, 'typing');
    const sentAt = Date.now();
    expect(await request(aliceTyping, 'typing', { topicId: topic.id })).toEqual({ ok: true });
    const typing = await notice;

    expect(typing).toMatchObject({ partyId: party.id, topicId: topic.id, userId: alice.id });
    expect(typing.displayName).toEqual(expect.any(String));
    const lifetime = Date.parse(typing.expiresAt) - sentAt;
    expect(lifetime).toBeGreaterThan(TYPING_TTL_MS - 1_000);
    expect(lifetime).toBeLessThanOrEqual(TYPING_TTL_MS + 1_000);

    // Repeats within a second are acknowledged but not re-broadcast.
    const seenByBob = record(bobClient, 'typing');
    expect(await request(aliceTyping, 'typing', { topicId: topic.id })).toEqual({ ok: true });
    await request(bobClient, 'presence:list', { partyId: party.id });
    expect(seenByBob).toEqual([]);

    await request(aliceOther, 'presence:list', { partyId: party.id });
    expect(seenByAlice).toEqual([]);
  });

  it('when a user marks a topic read, their other sockets get read:updated and the marking socket does not', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    // Someone else's messages: sending one's own already moves one's read position.
    for (let i = 0; i < 3; i++) {
      await one.services.messages.send(bob, { topicId: topic.id, body: `m${i}`, nonce: randomUUID() });
    }
    const laptop = await world.connectAs(one, alice);
    const phone = await world.connectAs(two, alice);
    const seenByLaptop = record(laptop, 'read:updated');

    const update = nextEvent(phone, 'read:updated');
    expect(await request(laptop, 'read:mark', { topicId: topic.id, seq: 2 })).toEqual({ ok: true });

    expect(await update).toEqual({ topicId: topic.id, seq: 2 });
    await request(laptop, 'presence:list', { partyId: topic.partyId });
    expect(seenByLaptop).toEqual([]);
  });

  it('when the author edits and then deletes a message over the socket, the party sees both', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);
    const sent = await request(aliceClient, 'message:send', {
      topicId: topic.id,
      body: 'typo',
      nonce: randomUUID(),
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const { message } = sent;

    const updated = nextEvent(bobClient, 'message:updated');
    const edited = await request(aliceClient, 'message:edit', { messageId: message.id, body: 'fixed' });
    expect(edited).toMatchObject({ ok: true, message: { id: message.id, body: 'fixed' } });
    expect(await updated).toMatchObject({ id: message.id, body: 'fixed', editedAt: expect.any(String) });

    const deleted = nextEvent(bobClient, 'message:deleted');
    expect(await request(aliceClient, 'message:delete', { messageId: message.id })).toEqual({ ok: true });
    expect(await deleted).toEqual({
      id: message.id,
      topicId: topic.id,
      partyId: topic.partyId,
      seq: message.seq,
      // The edit took the topic's change 1, the delete change 2.
      changeSeq: 2,
    });
  });
});
