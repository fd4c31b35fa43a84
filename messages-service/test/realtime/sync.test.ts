// A client that was away catches up through `sync`: everything it missed in order, or a gap marker.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createParty,
  createTwoInstanceWorld,
  type Gateway,
  type TestUser,
  type World,
} from './support/world.js';
import { request } from './support/wait.js';

describe('realtime sync after a disconnect', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    // The senders here are the test itself, far faster than any person: no send limit in the way.
    const sendLimit = { points: 100_000, windowSeconds: 1 };
    ({ world, one, two } = await createTwoInstanceWorld({ sendLimit }));
  });
  afterAll(() => world.close());

  /** Sends n messages, `parallel` at a time (in order when 1). */
  const sendMany = async (gateway: Gateway, author: TestUser, topicId: string, n: number, parallel = 1) => {
    for (let start = 1; start <= n; start += parallel) {
      const batch = Array.from({ length: Math.min(parallel, n - start + 1) }, (_, k) => start + k);
      await Promise.all(
        batch.map((i) =>
          gateway.services.messages.send(author, { topicId, body: `message ${i}`, nonce: randomUUID() }),
        ),
      );
    }
  };

  it('when a client was offline while 300 messages were sent, sync returns all of them in order', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    await sendMany(one, alice, topic.id, 2);
    const lastSeen = 2;

    await sendMany(two, alice, topic.id, 300, 6);
    const bobClient = await world.connectAs(two, bob);
    const reply = await request(
      bobClient,
      'sync',
      { cursors: [{ topicId: topic.id, lastSeq: lastSeen }] },
      10_000,
    );

    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const [result] = reply.topics;
    if (!result || !('messages' in result))
      throw new Error(`expected messages, got ${JSON.stringify(result)}`);
    expect(result.topicId).toBe(topic.id);
    expect(result.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 300 }, (_, i) => lastSeen + 1 + i),
    );
    const bodies = new Set(result.messages.map((m) => m.body));
    expect(bodies.size).toBe(300);
  });

  it('when more than 500 messages were missed, sync answers with a gap marker; at exactly 500, with all', async () => {
    const alice = world.user('alice');
    const { topic } = await createParty(one.services, alice);
    const { topic: quiet } = await createParty(one.services, alice);
    await sendMany(one, alice, topic.id, 502, 8);

    const client = await world.connectAs(one, alice);
    const reply = await request(
      client,
      'sync',
      {
        cursors: [
          { topicId: topic.id, lastSeq: 1 },
          { topicId: quiet.id, lastSeq: 0 },
        ],
      },
      10_000,
    );

    expect(reply).toEqual({
      ok: true,
      topics: [
        { topicId: topic.id, gap: true, latestSeq: 502, lastChange: 0 },
        { topicId: quiet.id, messages: [], changed: [], lastChange: 0 },
      ],
    });

    // One message later, exactly 500 were missed: still all of them.
    const atLimit = await request(client, 'sync', { cursors: [{ topicId: topic.id, lastSeq: 2 }] }, 10_000);
    if (!atLimit.ok) throw new Error(JSON.stringify(atLimit));
    const [result] = atLimit.topics;
    expect(result && 'messages' in result ? result.messages.map((m) => m.seq) : []).toEqual(
      Array.from({ length: 500 }, (_, i) => 3 + i),
    );
  });
});
