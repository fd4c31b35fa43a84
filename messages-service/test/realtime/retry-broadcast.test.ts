// A message can be stored by an instance that dies before it broadcasts. The sender's retry (same nonce)
// then broadcasts the stored message, so the others get it live instead of only through a gap sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMessagesRepository } from '../../src/messages/messages.repository.js';
import { nextEvent, record, request } from './support/wait.js';
import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';

describe('a retried send of a stored message', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  it('when a message was stored but never broadcast, the retry with its nonce broadcasts it once', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const bobClient = await world.connectAs(one, bob);
    const aliceClient = await world.connectAs(two, alice);
    const seen = record(bobClient, 'message:created');

    // The instance that stored it "died" before its broadcast: the row exists, nobody was told.
    const stored = await createMessagesRepository(world.db.pool).insertNext({
      topicId: topic.id,
      authorId: alice.id,
      nonce: 'nonce-orphaned-1',
      body: 'are you there?',
    });
    if (!stored) throw new Error('the message was not stored');

    const received = nextEvent(bobClient, 'message:created', (m) => m.nonce === 'nonce-orphaned-1');
    const reply = await request(aliceClient, 'message:send', {
      topicId: topic.id,
      body: 'are you there?',
      nonce: 'nonce-orphaned-1',
    });

    expect(reply).toMatchObject({ ok: true, message: { id: stored.id, seq: stored.seq } });
    expect(await received).toMatchObject({ id: stored.id, seq: 1, body: 'are you there?' });
    // A round trip on bob's socket: a second copy broadcast with the first would have arrived by now.
    await request(bobClient, 'presence:list', { partyId: topic.partyId });
    expect(seen.filter((m) => m.id === stored.id)).toHaveLength(1);
    const { rows } = await world.db.pool.query(
      'SELECT count(*)::int AS n FROM messages WHERE topic_id = $1',
      [topic.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
