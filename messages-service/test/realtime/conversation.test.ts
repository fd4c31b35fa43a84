// Issue 14 over socket.io on two instances: reactions live everywhere, replies and mentions through
// message:send, and a client that was away while old messages changed converging through sync.
import { randomUUID } from 'node:crypto';

import {
  ClientEventReplies,
  ServerEventSchemas,
  SYNC_MAX_CHANGES,
  type SyncTopicResult,
} from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { eventually, nextEvent, record, request } from './support/wait.js';

describe('realtime conversation features across two instances', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  const say = (gateway: Gateway, user: { id: string; username: string }, topicId: string, body: string) =>
    gateway.services.messages.send(user, { topicId, body, nonce: randomUUID() }).then((r) => r.message);

  it('when a member reacts on one instance, the party sees message:reactions live on the other; removing is live too', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { party, topic } = await createParty(one.services, alice, [bob]);
    const message = await say(one, alice, topic.id, 'react to me');
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);

    const seen = nextEvent(bobClient, 'message:reactions');
    const ack = await request(aliceClient, 'reaction:add', { messageId: message.id, emoji: '🚀' });
    expect(ClientEventReplies['reaction:add'].parse(ack)).toMatchObject({
      ok: true,
      messageId: message.id,
      reactions: [{ emoji: '🚀', count: 1, userIds: [alice.id] }],
      mine: ['🚀'],
    });
    const event = ServerEventSchemas['message:reactions'].parse(await seen);
    expect(event).toEqual({
      partyId: party.id,
      topicId: topic.id,
      messageId: message.id,
      reactions: [{ emoji: '🚀', count: 1, userIds: [alice.id] }],
      changeSeq: 1,
    });

    const removed = nextEvent(bobClient, 'message:reactions', (e) => e.reactions.length === 0);
    const removeAck = await request(aliceClient, 'reaction:remove', { messageId: message.id, emoji: '🚀' });
    expect(removeAck).toMatchObject({ ok: true, reactions: [], mine: [], changeSeq: 2 });
    expect(await removed).toMatchObject({ messageId: message.id, changeSeq: 2 });
  });

  it('when a non-member or a bad emoji reacts over the socket, the ack is refused and nobody hears of it', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const mallory = world.user('mallory');
    const { topic } = await createParty(one.services, alice, [bob]);
    await one.services.parties.create(mallory, { name: 'Own party' });
    const message = await say(one, alice, topic.id, 'not yours');
    const bobClient = await world.connectAs(two, bob);
    const malloryClient = await world.connectAs(one, mallory);
    const seen = record(bobClient, 'message:reactions');

    expect(
      await request(malloryClient, 'reaction:add', { messageId: message.id, emoji: '👍' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'MESSAGE.NOT_FOUND' },
    });
    expect(await request(bobClient, 'reaction:add', { messageId: message.id, emoji: 'no' })).toMatchObject({
      ok: false,
      error: { code: 'REACTION.INVALID_EMOJI' },
    });
    expect(
      await request(bobClient, 'reaction:add', { messageId: message.id, emoji: '👍', extra: 1 } as never),
    ).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
    await request(bobClient, 'presence:list', { partyId: topic.partyId });
    expect(seen).toEqual([]);
  });

  it('when a member sends a reply with a mention over the socket, the party gets it with replyTo and mentions', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const original = await say(one, alice, topic.id, 'question?');
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);

    const created = nextEvent(aliceClient, 'message:created', (m) => m.body.startsWith('answer'));
    const ack = await request(bobClient, 'message:send', {
      topicId: topic.id,
      body: `answer for <@${alice.id}>`,
      nonce: randomUUID(),
      replyToId: original.id,
    });
    expect(ClientEventReplies['message:send'].parse(ack)).toMatchObject({ ok: true });
    const message = ServerEventSchemas['message:created'].parse(await created);
    expect(message).toMatchObject({
      replyTo: {
        id: original.id,
        seq: original.seq,
        authorId: alice.id,
        excerpt: 'question?',
        deleted: false,
      },
      mentions: { userIds: [alice.id], everyone: false, here: false },
      reactions: [],
      changeSeq: 0,
    });

    expect(
      await request(bobClient, 'message:send', { topicId: topic.id, body: '@everyone', nonce: randomUUID() }),
    ).toMatchObject({ ok: false, error: { code: 'MESSAGE.MENTION_FORBIDDEN' } });
  });

  it('when an admin sends @here, it reaches the members online on any instance at that moment', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const carol = world.user('carol');
    const { topic } = await createParty(one.services, alice, [bob, carol]);
    await world.connectAs(two, bob);
    await eventually(async () => (await one.realtime.presence.online([bob.id])).length === 1);
    const here = await say(one, alice, topic.id, '@here standup');
    const { rows } = await world.db.pool.query<{ here_user_ids: string[] }>(
      'SELECT here_user_ids FROM messages WHERE id = $1',
      [here.id],
    );
    expect(rows[0]?.here_user_ids).toEqual([bob.id]);
    const unread = await one.services.readState.unread(bob);
    expect(unread.find((u) => u.topicId === topic.id)).toMatchObject({ mentionCount: 1 });
    const carols = await one.services.readState.unread(carol);
    expect(carols.find((u) => u.topicId === topic.id)).toMatchObject({ mentionCount: 0, unread: 1 });
  });

  it('when a client was away while old messages were edited, deleted and reacted to, its sync returns them changed and converges', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const [first, second, third] = [
      await say(one, alice, topic.id, 'one'),
      await say(one, alice, topic.id, 'two'),
      await say(one, alice, topic.id, 'three'),
    ];
    // Bob loaded the topic, then went away.
    const loaded = await two.services.messages.history(bob, topic.id, { limit: 50 });
    expect(loaded.lastChange).toBe(0);

    await one.services.messages.edit(alice, { messageId: first!.id, body: 'one (edited)' });
    await one.services.messages.remove(alice, { messageId: second!.id });
    await one.services.reactions.add(alice, { messageId: third!.id, emoji: '👍' });
    await one.services.reactions.add(alice, { messageId: first!.id, emoji: '🎉' });
    const fourth = await say(one, alice, topic.id, 'four');

    const bobClient = await world.connectAs(two, bob);
    const reply = await request(bobClient, 'sync', {
      cursors: [{ topicId: topic.id, lastSeq: 3, lastChange: loaded.lastChange }],
    });
    const parsed = ClientEventReplies.sync.parse(reply);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const [result] = parsed.topics as [SyncTopicResult];
    if ('gap' in result) throw new Error('unexpected gap');
    expect(result.messages.map((m) => m.id)).toEqual([fourth!.id]);
    // In change order; each as it is now.
    expect(result.changed.map((m) => [m.seq, m.changeSeq])).toEqual([
      [2, 2],
      [3, 3],
      [1, 4],
    ]);
    expect(result.changed[0]).toMatchObject({ id: second!.id, body: '', deletedAt: expect.any(String) });
    expect(result.changed[1]).toMatchObject({ reactions: [{ emoji: '👍', count: 1, userIds: [alice.id] }] });
    expect(result.changed[2]).toMatchObject({
      body: 'one (edited)',
      editedAt: expect.any(String),
      reactions: [{ emoji: '🎉', count: 1 }],
    });
    expect(result.lastChange).toBe(4);
    // A page of history loaded now carries the same counter, read with the page.
    const reloaded = await two.services.messages.history(bob, topic.id, { limit: 50 });
    expect(reloaded.lastChange).toBe(4);
    expect(reloaded.messages.map((m) => [m.seq, m.changeSeq])).toEqual([
      [1, 4],
      [2, 2],
      [3, 3],
      [4, 0],
    ]);

    // From the new cursor there is nothing left to catch up on.
    const again = await request(bobClient, 'sync', {
      cursors: [{ topicId: topic.id, lastSeq: 4, lastChange: result.lastChange }],
    });
    expect(again).toEqual({
      ok: true,
      topics: [{ topicId: topic.id, messages: [], changed: [], lastChange: 4 }],
    });
    // A client that sends no lastChange (an older one) gets new messages only, and the counter to start from.
    const legacy = await request(bobClient, 'sync', { cursors: [{ topicId: topic.id, lastSeq: 3 }] });
    expect(legacy).toMatchObject({ ok: true, topics: [{ changed: [], lastChange: 4 }] });
  });

  it(`when more than ${SYNC_MAX_CHANGES} older messages changed, sync answers with a gap marker carrying the counter`, async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    // Seeded in one statement (the send limit would stop 501 sends), with the seqs the sends would take.
    const { rows } = await world.db.pool.query<{ id: string }>(
      `WITH next AS (UPDATE topics SET last_seq = $3 WHERE id = $1 RETURNING id, party_id)
       INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body)
       SELECT next.id, next.party_id, s, $2, 'seeded-' || s, 'm' || s FROM next, generate_series(1, $3) s
       RETURNING id`,
      [topic.id, alice.id, SYNC_MAX_CHANGES + 1],
    );
    for (const { id } of rows) await one.services.reactions.add(alice, { messageId: id, emoji: '👍' });

    const bobClient = await world.connectAs(two, bob);
    const lastSeq = SYNC_MAX_CHANGES + 1;
    const reply = await request(
      bobClient,
      'sync',
      { cursors: [{ topicId: topic.id, lastSeq, lastChange: 0 }] },
      15_000,
    );
    expect(reply).toEqual({
      ok: true,
      topics: [{ topicId: topic.id, gap: true, latestSeq: lastSeq, lastChange: lastSeq }],
    });
    // One change fewer to catch up on fits.
    const fits = await request(
      bobClient,
      'sync',
      { cursors: [{ topicId: topic.id, lastSeq, lastChange: 1 }] },
      15_000,
    );
    const [result] = fits.ok ? fits.topics : [];
    expect(result && 'changed' in result ? result.changed.length : -1).toBe(SYNC_MAX_CHANGES);
  }, 60_000);
});
