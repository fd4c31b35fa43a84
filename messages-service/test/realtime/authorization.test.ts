// Every event checks the contract and membership again; sends are rate-limited per user across instances.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createParty,
  createTwoInstanceWorld,
  type Gateway,
  type TestUser,
  type World,
} from './support/world.js';
import { record, request } from './support/wait.js';

describe('realtime authorization and input checks', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;
  let owner: TestUser;
  let stranger: TestUser;
  let partyId: string;
  let topicId: string;

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld({ sendLimit: { points: 5, windowSeconds: 60 } }));
    owner = world.user('owner');
    stranger = world.user('stranger');
    const { party, topic } = await createParty(one.services, owner);
    await createParty(one.services, stranger); // the stranger exists and has parties of their own
    partyId = party.id;
    topicId = topic.id;
  });
  afterAll(() => world.close());

  it('when a non-member sends to a party’s topic, the ack is an error and nothing is broadcast', async () => {
    const ownerClient = await world.connectAs(one, owner);
    const seen = record(ownerClient, 'message:created');
    const client = await world.connectAs(one, stranger);

    const reply = await request(client, 'message:send', {
      topicId,
      body: 'let me in',
      nonce: 'nonce-stranger',
    });

    expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(/NOT_FOUND$/) } });
    await request(ownerClient, 'presence:list', { partyId });
    expect(seen).toEqual([]);
  });

  it('when a non-member asks to sync a party’s topic, the ack is an error', async () => {
    const client = await world.connectAs(one, stranger);
    const reply = await request(client, 'sync', { cursors: [{ topicId, lastSeq: 0 }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'TOPIC.NOT_FOUND' } });
  });

  it('when a non-member signals typing in a party’s topic, the ack is an error and no one is told', async () => {
    const ownerClient = await world.connectAs(two, owner);
    const seen = record(ownerClient, 'typing');
    const client = await world.connectAs(one, stranger);

    const reply = await request(client, 'typing', { topicId });
    const repeated = await request(client, 'typing', { topicId }); // within the throttle window

    expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(/NOT_FOUND$/) } });
    expect(repeated).toEqual(reply);
    await request(ownerClient, 'presence:list', { partyId });
    expect(seen).toEqual([]);
  });

  it('when a non-member asks who is online in a party, the ack is PARTY.NOT_FOUND', async () => {
    const client = await world.connectAs(one, stranger);
    const reply = await request(client, 'presence:list', { partyId });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PARTY.NOT_FOUND' } });
  });

  it('when a non-member marks a party’s topic read, the ack is an error', async () => {
    const client = await world.connectAs(one, stranger);
    const reply = await request(client, 'read:mark', { topicId, seq: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(/NOT_FOUND$/) } });
  });

  it('when a payload does not match the contract, the ack is REQUEST.INVALID', async () => {
    const client = await world.connectAs(one, owner);
    const cases: [string, unknown][] = [
      ['message:send', { topicId, body: '', nonce: 'nonce-empty-body' }],
      ['message:send', { topicId, body: 'x', nonce: 'nonce-extra-key', admin: true }],
      ['message:send', { topicId: 'not-a-uuid', body: 'x', nonce: 'nonce-bad-topic' }],
      ['sync', { cursors: [{ topicId, lastSeq: -1 }] }],
      ['typing', 'not an object'],
      ['read:mark', { topicId, seq: 1.5 }],
      ['presence:list', {}],
    ];
    for (const [event, payload] of cases) {
      const reply = await request(client, event as 'sync', payload as never);
      expect(reply, `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'REQUEST.INVALID' },
      });
    }
  });

  it('when someone else’s message is edited, the ack is MESSAGE.FORBIDDEN', async () => {
    const member = world.user('member');
    const invite = await one.services.invites.create(owner, partyId, {});
    await one.services.invites.accept(member, invite.code);
    const { message } = await one.services.messages.send(owner, {
      topicId,
      body: 'mine',
      nonce: randomUUID(),
    });
    const client = await world.connectAs(one, member);

    const edit = await request(client, 'message:edit', { messageId: message.id, body: 'yours now' });
    const remove = await request(client, 'message:delete', { messageId: message.id });

    expect(edit).toMatchObject({ ok: false, error: { code: 'MESSAGE.FORBIDDEN' } });
    expect(remove).toMatchObject({ ok: false, error: { code: 'MESSAGE.FORBIDDEN' } });
  });

  it('when a user sends faster than the limit through both instances, the excess gets RATE_LIMITED', async () => {
    const sender = world.user('chatty');
    const { topic } = await createParty(one.services, sender);
    const onOne = await world.connectAs(one, sender);
    const onTwo = await world.connectAs(two, sender);

    const replies = [];
    for (let i = 0; i < 8; i++) {
      const client = i % 2 === 0 ? onOne : onTwo;
      replies.push(
        await request(client, 'message:send', { topicId: topic.id, body: `#${i}`, nonce: `nonce-rl-${i}` }),
      );
    }

    expect(replies.filter((r) => r.ok)).toHaveLength(5);
    expect(replies.slice(5)).toEqual(
      Array(3).fill(
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
      ),
    );
  });
});
