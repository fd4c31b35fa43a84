// Everything the gateway sends matches the contract the browser client parses with.
import { randomUUID } from 'node:crypto';

import { ClientEventReplies, ServerEventSchemas, type ServerToClientEvents } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { eventually, request, type TestClient } from './support/wait.js';

type Seen = { event: string; payload: unknown }[];

const listen = (client: TestClient): Seen => {
  const seen: Seen = [];
  client.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
};

describe('realtime payloads and the contract', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
  });
  afterAll(() => world.close());

  it('when a party lives through every kind of change, each push and ack parses with its contract schema', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const party = await one.services.parties.create(alice, { name: 'Contract party' });
    await one.services.parties.create(bob, { name: 'Bob’s own' });
    const aliceClient = await world.connectAs(one, alice);
    const bobClient = await world.connectAs(two, bob);
    const bobPhone = await world.connectAs(one, bob);
    const seen = listen(aliceClient);
    const seenByBob = listen(bobPhone);
    const replies: { event: keyof typeof ClientEventReplies; reply: unknown }[] = [];
    const ask = async <E extends keyof typeof ClientEventReplies>(
      client: TestClient,
      event: E,
      payload: unknown,
    ) => {
      const reply = await request(client, event, payload as never);
      replies.push({ event, reply });
      return reply as { ok: boolean } & Record<string, unknown>;
    };

    const invite = await one.services.invites.create(alice, party.id, {});
    await one.services.invites.accept(bob, invite.code);
    const topic = await one.services.topics.create(alice, party.id, { name: 'rules' });
    await one.services.topics.update(alice, party.id, topic.id, { name: 'house-rules' });
    const sent = await ask(aliceClient, 'message:send', {
      topicId: topic.id,
      body: 'first',
      nonce: randomUUID(),
    });
    const messageId = (sent['message'] as { id: string }).id;
    await ask(aliceClient, 'message:edit', { messageId, body: 'first!' });
    await ask(bobClient, 'typing', { topicId: topic.id });
    await ask(bobClient, 'read:mark', { topicId: topic.id, seq: 1 });
    await ask(aliceClient, 'message:delete', { messageId });
    await ask(aliceClient, 'presence:list', { partyId: party.id });
    await ask(aliceClient, 'sync', { cursors: [{ topicId: topic.id, lastSeq: 0 }] });
    await ask(bobClient, 'message:send', { topicId: topic.id, body: '', nonce: randomUUID() });
    await one.services.members.changeRole(alice, party.id, bob.id, 'admin');
    await one.services.topics.remove(alice, party.id, topic.id);
    await one.services.members.remove(alice, party.id, bob.id);
    await one.services.parties.remove(alice, party.id);

    const expected: (keyof ServerToClientEvents)[] = [
      'member:joined',
      'party:updated',
      'presence',
      'topic:created',
      'topic:updated',
      'message:created',
      'message:updated',
      'typing',
      'message:deleted',
      'member:updated',
      'topic:deleted',
      'member:left',
      'party:deleted',
    ];
    await eventually(
      () => expected.every((event) => seen.some((s) => s.event === event)),
      5_000,
      `alice sees ${expected.join(', ')}`,
    );
    await eventually(
      () => seenByBob.some((s) => s.event === 'read:updated'),
      5_000,
      'bob’s phone sees read:updated',
    );

    for (const { event, payload } of [...seen, ...seenByBob]) {
      const schema = ServerEventSchemas[event as keyof ServerToClientEvents];
      expect(schema, event).toBeDefined();
      expect(schema.safeParse(payload).error, `${event} ${JSON.stringify(payload)}`).toBeUndefined();
    }
    for (const { event, reply } of replies) {
      expect(
        ClientEventReplies[event].safeParse(reply).error,
        `${event} ${JSON.stringify(reply)}`,
      ).toBeUndefined();
    }
    expect(replies.map((r) => (r.reply as { ok: boolean }).ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
