// What the realtime gateway is told, and when: only after the change is committed.
import { makeEvent } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createServices, type Services } from '../../src/app/services.js';
import type { Actor } from '../../src/shared/actor.js';
import type { Notifier } from '../../src/shared/notifier.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { randomSuffix } from '../helpers/env.js';

let db: TestDatabase;
let s: Services;
const calls: { name: string; args: unknown[]; committed: boolean }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // Each push records whether what it announces is already visible from another connection.
  const notifier = new Proxy({} as Notifier, {
    get:
      (_target, name: string) =>
      (...args: unknown[]) => {
        calls.push({ name, args, committed: false });
        const entry = calls.at(-1)!;
        const arg = args[0] as { id?: string } | undefined;
        if (name === 'messageCreated' && arg?.id) {
          void db.pool
            .query('SELECT 1 FROM messages WHERE id = $1', [arg.id])
            .then((r) => (entry.committed = r.rowCount === 1));
        }
      },
  });
  s = createServices({ pool: db.pool, notifier, partyEventsTopic: `t.unused.${randomSuffix()}` });
});
afterAll(async () => {
  await db.drop();
});

const actor = (name: string): Actor => ({ id: crypto.randomUUID(), username: name });

describe('notifier', () => {
  it('announces joins, topics, messages, edits, deletes, reads and departures with the presented shapes', async () => {
    const owner = actor('owner');
    const guest = actor('guest');
    const party = await s.parties.create(owner, { name: 'Loud' });
    const invite = await s.invites.create(owner, party.id, {});
    await s.invites.accept(guest, invite.code);
    const topic = await s.topics.create(owner, party.id, { name: 'news' });
    const { message } = await s.messages.send(guest, { topicId: topic.id, body: 'hi', nonce: 'notifier-1' });
    await s.messages.send(guest, { topicId: topic.id, body: 'hi', nonce: 'notifier-1' }); // a retry: pushed again
    await s.messages.edit(guest, { messageId: message.id, body: 'hello' });
    await s.readState.markRead(owner, { topicId: topic.id, seq: 1 });
    await s.messages.remove(owner, { messageId: message.id });
    await s.members.leave(guest, party.id);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(calls.map((c) => c.name)).toEqual([
      'memberJoined',
      'memberJoined',
      'partyUpdated',
      'topicCreated',
      'messageCreated',
      'messageCreated',
      'messageUpdated',
      'readUpdated',
      'messageDeleted',
      'memberLeft',
      'partyUpdated',
    ]);
    expect(calls[1]?.args[0]).toMatchObject({
      partyId: party.id,
      userId: guest.id,
      role: 'member',
      username: 'guest',
    });
    expect(calls[2]?.args[0]).toEqual({
      id: party.id,
      name: 'Loud',
      kind: 'party',
      ownerId: owner.id,
      memberCount: 2,
      createdAt: party.createdAt,
    });
    expect(calls[4]).toMatchObject({ args: [message], committed: true });
    // The instance that stored it may have died before its broadcast; receivers drop a copy they have.
    expect(calls[5]).toMatchObject({ args: [message], committed: true });
    expect(calls[6]?.args[0]).toMatchObject({ id: message.id, body: 'hello' });
    expect(calls[7]?.args).toEqual([owner.id, { topicId: topic.id, seq: 1 }]);
    expect(calls[8]?.args[0]).toEqual({
      id: message.id,
      topicId: topic.id,
      partyId: party.id,
      seq: 1,
      changeSeq: 2,
    });
    expect(calls[9]?.args[0]).toEqual({ partyId: party.id, userId: guest.id });
  });

  it('when a user changes their profile, then every party of theirs hears of it', async () => {
    const owner = actor('renamer');
    const party = await s.parties.create(owner, { name: 'Profiles' });
    calls.length = 0;
    const state = {
      userId: owner.id,
      username: 'renamer',
      displayName: 'Renée',
      avatarUrl: null,
      createdAt: party.createdAt.toISOString(),
    };
    const meta = { aggregateId: owner.id, producer: 'accounts-service', correlationId: 'profile-1' };
    expect(
      await s.users.applyUserState(makeEvent('UserUpdated', state, { ...meta, aggregateVersion: 2 })),
    ).toBe(true);
    expect(
      await s.users.applyUserState(makeEvent('UserUpdated', state, { ...meta, aggregateVersion: 1 })),
    ).toBe(false);
    expect(calls.map((c) => [c.name, c.args[0]])).toEqual([
      [
        'memberUpdated',
        expect.objectContaining({ partyId: party.id, userId: owner.id, displayName: 'Renée' }),
      ],
    ]);
  });

  it('when a push throws, then the committed change still succeeds', async () => {
    const failing = createServices({
      pool: db.pool,
      notifier: new Proxy({} as Notifier, {
        get: () => () => {
          throw new Error('socket layer down');
        },
      }),
      onNotifyError: () => undefined,
    });
    const owner = actor('sturdy');
    const party = await failing.parties.create(owner, { name: 'Sturdy' });
    const [topic] = await failing.topics.list(owner, party.id);
    const sent = await failing.messages.send(owner, {
      topicId: topic!.id,
      body: 'still here',
      nonce: 'sturdy-01',
    });
    expect(sent.created).toBe(true);
  });
});
