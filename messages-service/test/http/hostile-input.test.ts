// Hostile input over REST (issue 12.1–12.3): text PostgreSQL cannot store, a body that is not UTF-8 and a
// signed token that names no user id are each a 400/401 with a stable code, and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

const NUL = '\u0000';

async function room() {
  const owner = t.user();
  const guest = t.user();
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Chat' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  const topicId: string = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, guest, partyId: party.id as string, topicId };
}

const expectInvalid = (reply: { status: number; body: { error?: { code?: string } } }) => {
  expect(reply.status).toBe(400);
  expect(reply.body.error?.code).toBe('REQUEST.INVALID');
};

const history = async (user: TestUser, topicId: string) =>
  (await t.api(user, 'GET', `/api/topics/${topicId}/messages`)).body.messages as { body: string }[];

describe('text with NUL over REST', () => {
  it('when a message body or nonce holds NUL, then 400 REQUEST.INVALID and nothing is stored', async () => {
    const { owner, topicId } = await room();
    expectInvalid(
      await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
        body: `a${NUL}b`,
        nonce: 'nul-nonce-1',
      }),
    );
    expectInvalid(
      await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
        body: 'hi',
        nonce: `nul-${NUL}-nonce`,
      }),
    );
    expect(await history(owner, topicId)).toEqual([]);
  });

  it('when an edit holds NUL, then 400 REQUEST.INVALID and the message keeps its text', async () => {
    const { owner, topicId } = await room();
    const sent = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'before',
      nonce: 'nul-edit-1',
    });
    expect(sent.status).toBe(201);
    expectInvalid(await t.api(owner, 'PATCH', `/api/messages/${sent.body.id}`, { body: `after${NUL}` }));
    expect((await history(owner, topicId)).map((m) => m.body)).toEqual(['before']);
    expect((await t.api(owner, 'GET', `/api/messages/${sent.body.id}/edits`)).body).toEqual([]);
  });

  it('when a party or topic name holds NUL, then 400 REQUEST.INVALID and nothing is created or renamed', async () => {
    const { owner, partyId } = await room();
    expectInvalid(await t.api(owner, 'POST', '/api/parties', { name: `Evil${NUL}` }));
    expectInvalid(await t.api(owner, 'PATCH', `/api/parties/${partyId}`, { name: `Evil${NUL}` }));
    const parties = (await t.api(owner, 'GET', '/api/parties')).body as { name: string }[];
    expect(parties.map((p) => p.name)).toEqual(['Chat']);

    expectInvalid(await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name: `x${NUL}y` }));
    const topics = (await t.api(owner, 'GET', `/api/parties/${partyId}/topics`)).body as { id: string }[];
    expect(topics).toHaveLength(1);
    expectInvalid(
      await t.api(owner, 'PATCH', `/api/parties/${partyId}/topics/${topics[0]?.id}`, { name: `x${NUL}` }),
    );
    const after = (await t.api(owner, 'GET', `/api/parties/${partyId}/topics`)).body as { name: string }[];
    expect(after.map((topic) => topic.name)).toEqual(['general']);
  });

  it('when a name is only invisible characters or holds a bidi override, then 400 REQUEST.INVALID', async () => {
    const { owner, partyId } = await room();
    for (const name of ['\u200b\u200b', '\u202eevil', ' \u2066 '])
      expectInvalid(await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name }));
    expect((await t.api(owner, 'GET', `/api/parties/${partyId}/topics`)).body).toHaveLength(1);
  });

  it('when a ban reason holds NUL, then 400 REQUEST.INVALID and the member is not banned', async () => {
    const { owner, guest, partyId } = await room();
    expectInvalid(
      await t.api(owner, 'POST', `/api/parties/${partyId}/bans`, { userId: guest.id, reason: `spam${NUL}` }),
    );
    expect((await t.api(owner, 'GET', `/api/parties/${partyId}/bans`)).body).toEqual([]);
    const members = (await t.api(owner, 'GET', `/api/parties/${partyId}/members`)).body as unknown[];
    expect(members).toHaveLength(2);
  });

  it('when a search query holds NUL, then 400 REQUEST.INVALID', async () => {
    const { owner, partyId } = await room();
    expectInvalid(
      await t.api(owner, 'GET', `/api/parties/${partyId}/search?q=${encodeURIComponent(`a${NUL}b`)}`),
    );
  });
});

describe('a body that is not UTF-8', () => {
  it('when the bytes are not valid UTF-8, then 400 REQUEST.INVALID and nothing is stored', async () => {
    const { owner, topicId } = await room();
    // {"body":"caf<0xE9>","nonce":"latin1-nonce"}: Latin-1 é, which UTF-8 decoding would turn into U+FFFD.
    const bytes = Buffer.concat([
      Buffer.from('{"body":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('","nonce":"latin1-nonce"}'),
    ]);
    const reply = await fetch(`${t.service.url}/api/topics/${topicId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
      body: new Uint8Array(bytes),
    });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('REQUEST.INVALID');
    expect(await history(owner, topicId)).toEqual([]);
  });
});

describe('a signed token whose sub is not a user id', () => {
  it('when it is used on REST, then 401 AUTH.TOKEN_INVALID (not a 500 from the database)', async () => {
    const token = t.signToken({ sub: 'not-a-uuid', username: 'mallory' });
    const reply = await t.api({ id: 'not-a-uuid', username: 'mallory', token }, 'GET', '/api/parties');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('AUTH.TOKEN_INVALID');
  });
});
