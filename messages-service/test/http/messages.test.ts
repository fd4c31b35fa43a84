import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

interface Room {
  owner: TestUser;
  guest: TestUser;
  partyId: string;
  topicId: string;
}

async function room(): Promise<Room> {
  const owner = t.user();
  const guest = t.user();
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Chat' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  const topicId = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, guest, partyId: party.id, topicId };
}

let nonceCounter = 0;
const send = (user: TestUser, topicId: string, body: string) =>
  t.api(user, 'POST', `/api/topics/${topicId}/messages`, {
    body,
    nonce: `nonce-${++nonceCounter}-${user.id}`,
  });

const seqs = (body: { messages: { seq: number }[] }) => body.messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('sending over REST', () => {
  it('when a member sends, then 201 with the stored message; a retry with the same nonce gets 200 and the original', async () => {
    const { owner, topicId, partyId } = await room();
    const first = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'hello',
      nonce: 'retry-nonce-1',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      topicId,
      partyId,
      seq: 1,
      nonce: 'retry-nonce-1',
      body: 'hello',
      author: { id: owner.id, username: owner.username, displayName: owner.username, avatarUrl: null },
      editedAt: null,
      deletedAt: null,
    });
    const retry = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'hello',
      nonce: 'retry-nonce-1',
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  it('when the input is invalid, then 400 REQUEST.INVALID and nothing is stored', async () => {
    const { owner, topicId } = await room();
    const bad: unknown[] = [
      { body: '', nonce: 'valid-nonce-1' },
      { body: '   \n ', nonce: 'valid-nonce-1' },
      { body: 'x'.repeat(4001), nonce: 'valid-nonce-1' },
      { body: 'ok', nonce: 'short' },
      { body: 'ok', nonce: 'n'.repeat(65) },
      { body: 'ok' },
      { body: 'ok', nonce: 'valid-nonce-1', extra: true },
      { body: 42, nonce: 'valid-nonce-1' },
      '{not json',
    ];
    for (const body of bad) {
      const res = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID');
    }
    const notUuid = await t.api(owner, 'POST', '/api/topics/not-a-uuid/messages', {
      body: 'ok',
      nonce: 'valid-nonce-1',
    });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.details[0].path).toEqual(['params', 'topicId']);
    const history = await t.api(owner, 'GET', `/api/topics/${topicId}/messages`);
    expect(history.body.messages).toEqual([]);
    // 4000 characters are fine.
    expect((await send(owner, topicId, 'y'.repeat(4000))).status).toBe(201);
  });

  it('when party input is invalid, then 400 REQUEST.INVALID and nothing changes', async () => {
    const { owner, partyId } = await room();
    for (const body of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'ok', ownerId: owner.id },
    ]) {
      const res = await t.api(owner, 'PATCH', `/api/parties/${partyId}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID');
    }
    for (const body of [{ role: 'king' }, { maxUses: 0 }]) {
      const path =
        'role' in body ? `/api/parties/${partyId}/members/${owner.id}` : `/api/parties/${partyId}/invites`;
      const res = await t.api(owner, 'role' in body ? 'PATCH' : 'POST', path, body);
      expect(res.status).toBe(400);
    }
    expect((await t.api(owner, 'GET', `/api/parties/${partyId}`)).body.name).toBe('Chat');
    expect((await t.api(owner, 'GET', `/api/parties/${partyId}/invites`)).body).toHaveLength(1);
  });
});

describe('history', () => {
  let r: Room;
  beforeAll(async () => {
    r = await room();
    for (let i = 1; i <= 30; i++) await send(i % 2 ? r.owner : r.guest, r.topicId, `message ${i}`);
  });
  const page = async (query: string) => {
    const res = await t.api(r.guest, 'GET', `/api/topics/${r.topicId}/messages${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('without a cursor, then the newest page, ascending', async () => {
    const body = await page('?limit=10');
    expect(seqs(body)).toEqual(range(21, 30));
    expect(body).toMatchObject({ hasOlder: true, hasNewer: false });
    expect((await page('')).messages).toHaveLength(30);
  });

  it('before a seq, then the page just older than it', async () => {
    const body = await page('?before=21&limit=10');
    expect(seqs(body)).toEqual(range(11, 20));
    expect(body).toMatchObject({ hasOlder: true, hasNewer: true });
    const first = await page('?before=6&limit=10');
    expect(seqs(first)).toEqual(range(1, 5));
    expect(first).toMatchObject({ hasOlder: false, hasNewer: true });
    expect(await page('?before=1')).toEqual({
      messages: [],
      hasOlder: false,
      hasNewer: true,
      lastChange: 0,
    });
  });

  it('after a seq, then the page just newer than it', async () => {
    const body = await page('?after=20&limit=5');
    expect(seqs(body)).toEqual(range(21, 25));
    expect(body).toMatchObject({ hasOlder: true, hasNewer: true });
    const last = await page('?after=25&limit=10');
    expect(seqs(last)).toEqual(range(26, 30));
    expect(last).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(await page('?after=30')).toEqual({
      messages: [],
      hasOlder: true,
      hasNewer: false,
      lastChange: 0,
    });
  });

  it('around a seq, then a page centred on it', async () => {
    const body = await page('?around=15&limit=10');
    expect(seqs(body)).toEqual(range(10, 19));
    expect(body).toMatchObject({ hasOlder: true, hasNewer: true });
    expect(seqs(await page('?around=2&limit=10'))).toEqual(range(1, 6));
  });

  it('when the query is invalid, then 400 REQUEST.INVALID', async () => {
    for (const query of [
      '?before=5&after=3',
      '?limit=101',
      '?limit=0',
      '?before=-1',
      '?around=abc',
      '?page=2',
    ]) {
      const res = await t.api(r.guest, 'GET', `/api/topics/${r.topicId}/messages${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID');
    }
  });
});

describe('editing and deleting', () => {
  it('when the author edits twice, then the message shows the last text and the history keeps the earlier ones', async () => {
    const { owner, guest, topicId } = await room();
    const sent = (await send(owner, topicId, 'first')).body;
    await t.api(owner, 'PATCH', `/api/messages/${sent.id}`, { body: 'second' });
    const edited = await t.api(owner, 'PATCH', `/api/messages/${sent.id}`, { body: 'third' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: sent.id,
      seq: sent.seq,
      body: 'third',
      editedAt: expect.any(String),
    });
    const edits = await t.api(guest, 'GET', `/api/messages/${sent.id}/edits`);
    expect(edits.body.map((e: { body: string }) => e.body)).toEqual(['first', 'second']);
    const other = await t.api(guest, 'PATCH', `/api/messages/${sent.id}`, { body: 'hijack' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('MESSAGE.FORBIDDEN');
  });

  it('when the author deletes, then the text and its history are gone but the seq stays', async () => {
    const { owner, guest, topicId } = await room();
    const sent = (await send(guest, topicId, 'oops')).body;
    await t.api(guest, 'PATCH', `/api/messages/${sent.id}`, { body: 'oops again' });
    expect((await t.api(guest, 'DELETE', `/api/messages/${sent.id}`)).status).toBe(204);
    const history = (await t.api(owner, 'GET', `/api/topics/${topicId}/messages`)).body;
    expect(history.messages).toEqual([
      expect.objectContaining({ id: sent.id, seq: 1, body: '', deletedAt: expect.any(String) }),
    ]);
    expect((await t.api(owner, 'GET', `/api/messages/${sent.id}/edits`)).body).toEqual([]);
    expect((await t.api(guest, 'PATCH', `/api/messages/${sent.id}`, { body: 'revive' })).status).toBe(404);
  });

  it("when an admin deletes someone else's message, then it is deleted", async () => {
    const { owner, guest, topicId } = await room();
    const sent = (await send(guest, topicId, 'rude')).body;
    expect((await t.api(owner, 'DELETE', `/api/messages/${sent.id}`)).status).toBe(204);
    const history = (await t.api(guest, 'GET', `/api/topics/${topicId}/messages`)).body;
    expect(history.messages[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
  });
});

describe('search', () => {
  it('finds live messages of my party by words (stemmed), not deleted ones and not other parties', async () => {
    const a = await room();
    const b = await room();
    await send(a.owner, a.topicId, 'The quick brown fox');
    await send(a.guest, a.topicId, 'Lazy dogs are sleeping');
    const gone = (await send(a.guest, a.topicId, 'a dog that was deleted')).body;
    await t.api(a.guest, 'DELETE', `/api/messages/${gone.id}`);
    await send(b.owner, b.topicId, 'another dog elsewhere');

    const res = await t.api(a.owner, 'GET', `/api/parties/${a.partyId}/search?q=dog`);
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { body: string }) => m.body)).toEqual(['Lazy dogs are sleeping']);
    const phrase = await t.api(
      a.owner,
      'GET',
      `/api/parties/${a.partyId}/search?q=${encodeURIComponent('"brown fox"')}`,
    );
    expect(phrase.body.messages).toHaveLength(1);
    expect((await t.api(a.owner, 'GET', `/api/parties/${b.partyId}/search?q=dog`)).status).toBe(404);
    expect((await t.api(a.owner, 'GET', `/api/parties/${a.partyId}/search?q=`)).status).toBe(400);
  });
});

describe('read state', () => {
  it('counts unread messages per topic of all my parties and only moves forward', async () => {
    const { owner, guest, partyId, topicId } = await room();
    for (let i = 0; i < 3; i++) await send(owner, topicId, `news ${i}`);
    const unread = async (user: TestUser) =>
      (await t.api(user, 'GET', '/api/unread')).body.topics.find(
        (x: { topicId: string }) => x.topicId === topicId,
      );

    expect(await unread(guest)).toEqual({
      partyId,
      topicId,
      lastSeq: 3,
      lastReadSeq: 0,
      unread: 3,
      mentionCount: 0,
      level: 'all',
    });
    expect(await unread(owner)).toMatchObject({ lastReadSeq: 3, unread: 0 });
    expect((await t.api(guest, 'PUT', `/api/topics/${topicId}/read`, { seq: 2 })).status).toBe(204);
    expect(await unread(guest)).toMatchObject({ lastReadSeq: 2, unread: 1 });
    await t.api(guest, 'PUT', `/api/topics/${topicId}/read`, { seq: 1 });
    expect(await unread(guest)).toMatchObject({ lastReadSeq: 2, unread: 1 });
    await t.api(guest, 'PUT', `/api/topics/${topicId}/read`, { seq: 99 });
    expect(await unread(guest)).toMatchObject({ lastReadSeq: 3, unread: 0 });
    expect((await t.api(guest, 'PUT', `/api/topics/${topicId}/read`, { seq: -1 })).status).toBe(400);

    // A second party of the guest shows up in the same answer.
    await t.api(guest, 'POST', '/api/parties', { name: 'Own' });
    const all = (await t.api(guest, 'GET', '/api/unread')).body.topics;
    expect(new Set(all.map((x: { partyId: string }) => x.partyId)).size).toBe(2);
  });

  it('when someone joins a party with history, then what was said before they joined is not unread for them', async () => {
    const owner = t.user();
    const newcomer = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Old hands' })).body;
    const topicId = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
    for (let i = 0; i < 12; i++) await send(owner, topicId, `before ${i}`);
    const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    expect((await t.api(newcomer, 'POST', `/api/invites/${code}/accept`)).status).toBeLessThan(300);
    const unread = async () =>
      (await t.api(newcomer, 'GET', '/api/unread')).body.topics.find(
        (x: { topicId: string }) => x.topicId === topicId,
      );

    expect(await unread()).toMatchObject({ lastSeq: 12, lastReadSeq: 12, unread: 0 });
    await send(owner, topicId, 'after');
    expect(await unread()).toMatchObject({ lastSeq: 13, lastReadSeq: 12, unread: 1 });
  });
});

describe('the group commit in the metrics', () => {
  /** A histogram's _count and _sum from the ops port's /metrics. */
  const histogram = async (name: string) => {
    const text = await (await fetch(`${t.service.opsUrl}/metrics`)).text();
    const value = (suffix: string) =>
      Number(new RegExp(`^${name}_${suffix}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return { count: value('count'), sum: value('sum') };
  };

  it('when sends are stored, then each batch shows its size, its statement time and its emit time', async () => {
    const { owner, guest, topicId } = await room();
    const [sizes, statements, emits] = await Promise.all([
      histogram('messages_send_batch_size'),
      histogram('messages_send_batch_statement_seconds'),
      histogram('messages_send_batch_emit_seconds'),
    ]);

    const replies = await Promise.all([
      send(owner, topicId, 'one'),
      send(guest, topicId, 'two'),
      send(owner, topicId, 'three'),
    ]);
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);

    const after = {
      sizes: await histogram('messages_send_batch_size'),
      statements: await histogram('messages_send_batch_statement_seconds'),
      emits: await histogram('messages_send_batch_emit_seconds'),
    };
    const batches = after.sizes.count - sizes.count;
    // Three sends in one to three batches, every send counted once.
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(3);
    expect(after.sizes.sum - sizes.sum).toBe(3);
    expect(after.statements.count - statements.count).toBe(batches);
    expect(after.emits.count - emits.count).toBe(batches);
    // A statement is a round trip to PostgreSQL: some time, and well under the ack the caller waited for.
    expect(after.statements.sum - statements.sum).toBeGreaterThan(0);
  });
});
