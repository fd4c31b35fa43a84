// A profile change reaching every open screen: accounts' UserUpdated (here produced to the test's own
// topic, as accounts' relay does) updates the users copy, and every party the user is in is told at once
// with `member:updated`; history then carries the new author too.
import { randomUUID } from 'node:crypto';

import { makeEvent } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, produce } from '../helpers/kafka.js';
import { startTestService, type TestService, type TestUser } from '../helpers/service.js';
import { connectToService } from '../realtime/support/service-client.js';
import { nextEvent, record, type TestClient } from '../realtime/support/wait.js';

let t: TestService;
const clients: TestClient[] = [];
beforeAll(async () => {
  t = await startTestService();
  await t.service.consumerReady;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

const connect = async (user: TestUser) => {
  const client = await connectToService(t, user.token);
  clients.push(client);
  return client;
};

async function newParty(owner: TestUser, name: string, members: TestUser[]) {
  const created = await t.api(owner, 'POST', '/api/parties', { name });
  if (created.status !== 201) throw new Error(`party: ${created.status} ${JSON.stringify(created.body)}`);
  const party = created.body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  for (const member of members) await t.api(member, 'POST', `/api/invites/${code}/accept`);
  const topicId = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id as string;
  return { id: party.id as string, topicId };
}

const updated = (user: TestUser, version: number, displayName: string, avatarUrl: string | null) =>
  makeEvent(
    'UserUpdated',
    { userId: user.id, username: user.username, displayName, avatarUrl, createdAt: new Date().toISOString() },
    {
      aggregateId: user.id,
      aggregateVersion: version,
      producer: 'accounts-service',
      correlationId: randomUUID(),
    },
  );

describe('a profile change, live', () => {
  it('when a user changes name and avatar, every member of each of their parties gets member:updated with both, at once, and nobody else does; history shows the new author', async () => {
    const ada = t.user('ada');
    const bob = t.user('bob');
    const cy = t.user('cyd');
    const stranger = t.user('stranger');
    const games = await newParty(ada, 'Games', [bob]);
    const books = await newParty(cy, 'Books', [ada]);
    await newParty(stranger, 'Elsewhere', []);
    await t.api(ada, 'POST', `/api/topics/${games.topicId}/messages`, { body: 'hello', nonce: randomUUID() });

    const bobScreen = await connect(bob);
    const cyScreen = await connect(cy);
    const strangerScreen = await connect(stranger);
    const strangerSaw = record(strangerScreen, 'member:updated');
    // The app-relative, unguessable URL accounts-service gives a stored avatar.
    const avatarUrl = `/api/users/${ada.id}/avatar/Jx0cX3d9pQ1mN6bV8tY2aA`;

    const toBob = nextEvent(bobScreen, 'member:updated', (m) => m.userId === ada.id, 15_000);
    const toCy = nextEvent(cyScreen, 'member:updated', (m) => m.userId === ada.id, 15_000);
    await produce(t.topics.userEvents, [{ key: ada.id, value: updated(ada, 2, 'Ada Lovelace', avatarUrl) }]);

    expect(await toBob).toMatchObject({
      partyId: games.id,
      userId: ada.id,
      displayName: 'Ada Lovelace',
      avatarUrl,
    });
    expect(await toCy).toMatchObject({
      partyId: books.id,
      userId: ada.id,
      displayName: 'Ada Lovelace',
      avatarUrl,
    });

    const members = (await t.api(bob, 'GET', `/api/parties/${games.id}/members`)).body as {
      userId: string;
    }[];
    expect(members.find((m) => m.userId === ada.id)).toMatchObject({
      displayName: 'Ada Lovelace',
      avatarUrl,
    });
    const history = (await t.api(bob, 'GET', `/api/topics/${games.topicId}/messages`)).body;
    expect(history.messages[0].author).toMatchObject({ id: ada.id, displayName: 'Ada Lovelace', avatarUrl });

    // The avatar removed: null reaches the screens too.
    const removed = nextEvent(
      bobScreen,
      'member:updated',
      (m) => m.userId === ada.id && m.avatarUrl === null,
      15_000,
    );
    await produce(t.topics.userEvents, [{ key: ada.id, value: updated(ada, 3, 'Ada Lovelace', null) }]);
    expect(await removed).toMatchObject({ displayName: 'Ada Lovelace', avatarUrl: null });

    await eventually(async () => {
      const { rows } = await t.db.pool.query('SELECT avatar_url, version FROM users WHERE id = $1', [ada.id]);
      expect(rows[0]).toEqual({ avatar_url: null, version: 3 });
    });
    expect(strangerSaw).toEqual([]);
  });

  it('when an older UserUpdated arrives after a newer one, nothing is pushed and the copy keeps the newer state', async () => {
    const eve = t.user('eve');
    const fay = t.user('fay');
    const party = await newParty(eve, 'Order', [fay]);
    const fayScreen = await connect(fay);
    const newer = nextEvent(fayScreen, 'member:updated', (m) => m.userId === eve.id, 15_000);
    await produce(t.topics.userEvents, [
      { key: eve.id, value: updated(eve, 5, 'Eve New', '/api/users/x/avatar/new') },
    ]);
    await newer;
    const seen = record(fayScreen, 'member:updated');
    await produce(t.topics.userEvents, [
      { key: eve.id, value: updated(eve, 4, 'Eve Old', '/api/users/x/avatar/old') },
      { key: eve.id, value: updated(eve, 6, 'Eve Newest', '/api/users/x/avatar/new') },
    ]);
    // The later, newer event is pushed; the stale one between them never was.
    await eventually(async () => {
      expect(seen.map((m) => m.displayName)).toEqual(['Eve Newest']);
    });
    const members = (await t.api(fay, 'GET', `/api/parties/${party.id}/members`)).body as {
      userId: string;
    }[];
    expect(members.find((m) => m.userId === eve.id)).toMatchObject({ displayName: 'Eve Newest' });
  });
});
