import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

let nonceCounter = 0;
const send = (user: TestUser, topicId: string, body: string) =>
  t.api(user, 'POST', `/api/topics/${topicId}/messages`, {
    body,
    nonce: `filter-${++nonceCounter}-${user.id}`,
  });
const bodies = (res: { body: { messages: { body: string }[] } }) => res.body.messages.map((m) => m.body);

describe('search filters', () => {
  it('when a member searches by author and by topic, then only that author’s / topic’s hits come back, newest first', async () => {
    const owner = t.user();
    const guest = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Filters' })).body;
    const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    await t.api(guest, 'POST', `/api/invites/${code}/accept`);
    const general = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
    const other = (await t.api(owner, 'POST', `/api/parties/${party.id}/topics`, { name: 'other' })).body.id;
    await send(owner, general, 'owner talks about cats in general');
    await send(guest, general, 'guest talks about cats in general');
    await send(guest, other, 'guest talks about cats elsewhere');
    await send(owner, other, 'owner talks about dogs elsewhere');

    const search = (params: Record<string, string>) =>
      t.api(owner, 'GET', `/api/parties/${party.id}/search?${new URLSearchParams({ q: 'cats', ...params })}`);
    expect(bodies(await search({}))).toHaveLength(3);
    expect(bodies(await search({ authorId: guest.id }))).toEqual([
      'guest talks about cats elsewhere',
      'guest talks about cats in general',
    ]);
    expect(bodies(await search({ topicId: general }))).toEqual([
      'guest talks about cats in general',
      'owner talks about cats in general',
    ]);
    expect(bodies(await search({ authorId: owner.id, topicId: other }))).toEqual([]);
    expect(bodies(await search({ authorId: guest.id, topicId: other }))).toEqual([
      'guest talks about cats elsewhere',
    ]);
  });

  it('when a filter is not a UUID or an unknown field is given, then 400 and nothing is searched', async () => {
    const owner = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Strict' })).body;
    const bad = await t.api(owner, 'GET', `/api/parties/${party.id}/search?q=x&authorId=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('REQUEST.INVALID');
    const extra = await t.api(owner, 'GET', `/api/parties/${party.id}/search?q=x&author=me`);
    expect(extra.status).toBe(400);
  });

  it('when a filter names a topic of another party, then no message of that party comes back', async () => {
    const a = t.user();
    const b = t.user();
    const mine = (await t.api(a, 'POST', '/api/parties', { name: 'Mine' })).body;
    const theirs = (await t.api(b, 'POST', '/api/parties', { name: 'Theirs' })).body;
    const theirTopic = (await t.api(b, 'GET', `/api/parties/${theirs.id}/topics`)).body[0].id;
    await send(b, theirTopic, 'secret plans');
    const res = await t.api(a, 'GET', `/api/parties/${mine.id}/search?q=secret&topicId=${theirTopic}`);
    expect(res.status).toBe(200);
    expect(res.body.messages).toEqual([]);
  });
});
