import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

async function party(...guests: TestUser[]) {
  const owner = t.user();
  const created = (await t.api(owner, 'POST', '/api/parties', { name: 'Crew' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${created.id}/invites`, {})).body;
  for (const guest of guests) await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  return { owner, partyId: created.id as string };
}

const rolesOf = async (user: TestUser, partyId: string) =>
  Object.fromEntries(
    (await t.api(user, 'GET', `/api/parties/${partyId}/members`)).body.map(
      (m: { userId: string; role: string }) => [m.userId, m.role],
    ),
  );

describe('members and roles', () => {
  it('when the owner grants owner to a member, then ownership transfers and the old owner becomes admin', async () => {
    const heir = t.user();
    const { owner, partyId } = await party(heir);
    const res = await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${heir.id}`, { role: 'owner' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: heir.id, role: 'owner', username: heir.username });
    expect(await rolesOf(owner, partyId)).toEqual({ [owner.id]: 'admin', [heir.id]: 'owner' });
    expect((await t.api(heir, 'GET', `/api/parties/${partyId}`)).body.ownerId).toBe(heir.id);
    // The new owner cannot simply be demoted.
    const demote = await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${heir.id}`, {
      role: 'member',
    });
    expect(demote.status).toBe(403);
    const selfDemote = await t.api(heir, 'PATCH', `/api/parties/${partyId}/members/${heir.id}`, {
      role: 'admin',
    });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.error.code).toBe('PARTY.OWNER_MUST_TRANSFER');
    // Now the old owner may leave.
    expect((await t.api(owner, 'POST', `/api/parties/${partyId}/leave`)).status).toBe(204);
  });

  it('when an admin removes a member, then they are gone; an admin cannot remove another admin', async () => {
    const [admin, admin2, member] = [t.user(), t.user(), t.user()];
    const { owner, partyId } = await party(admin, admin2, member);
    await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${admin.id}`, { role: 'admin' });
    await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${admin2.id}`, { role: 'admin' });
    expect((await t.api(admin, 'DELETE', `/api/parties/${partyId}/members/${member.id}`)).status).toBe(204);
    const peer = await t.api(admin, 'DELETE', `/api/parties/${partyId}/members/${admin2.id}`);
    expect(peer.status).toBe(403);
    expect(peer.body.error.code).toBe('MEMBER.FORBIDDEN');
    expect(await rolesOf(owner, partyId)).toEqual({
      [owner.id]: 'owner',
      [admin.id]: 'admin',
      [admin2.id]: 'admin',
    });
    expect((await t.api(member, 'GET', `/api/parties/${partyId}`)).status).toBe(404);
    const missing = await t.api(owner, 'DELETE', `/api/parties/${partyId}/members/${member.id}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('MEMBER.NOT_FOUND');
  });

  it('when a member leaves, then they no longer see the party', async () => {
    const member = t.user();
    const { owner, partyId } = await party(member);
    expect((await t.api(member, 'POST', `/api/parties/${partyId}/leave`)).status).toBe(204);
    expect((await t.api(member, 'GET', '/api/parties')).body).toEqual([]);
    expect((await t.api(owner, 'GET', `/api/parties/${partyId}`)).body.memberCount).toBe(1);
  });

  it('when an admin bans a user who is not a member yet, then they can never join', async () => {
    const stranger = t.user();
    const { owner, partyId } = await party();
    expect((await t.api(owner, 'POST', `/api/parties/${partyId}/bans`, { userId: stranger.id })).status).toBe(
      204,
    );
    const { code } = (await t.api(owner, 'POST', `/api/parties/${partyId}/invites`, {})).body;
    expect((await t.api(stranger, 'POST', `/api/invites/${code}/accept`)).status).toBe(403);
    const self = await t.api(owner, 'POST', `/api/parties/${partyId}/bans`, { userId: owner.id });
    expect(self.status).toBe(403);
  });
});

describe('topics', () => {
  it('when an admin creates, renames and deletes topics, then members see them by position', async () => {
    const member = t.user();
    const { owner, partyId } = await party(member);
    const news = await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name: 'news' });
    expect(news.status).toBe(201);
    expect(news.body).toMatchObject({ partyId, name: 'news', position: 1, lastSeq: 0 });
    const taken = await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name: 'NEWS' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('TOPIC.NAME_TAKEN');
    const renamed = await t.api(owner, 'PATCH', `/api/parties/${partyId}/topics/${news.body.id}`, {
      name: 'announcements',
    });
    expect(renamed.body).toMatchObject({ id: news.body.id, name: 'announcements', position: 1 });
    const names = (await t.api(member, 'GET', `/api/parties/${partyId}/topics`)).body.map(
      (x: { name: string }) => x.name,
    );
    expect(names).toEqual(['general', 'announcements']);
    expect((await t.api(owner, 'DELETE', `/api/parties/${partyId}/topics/${news.body.id}`)).status).toBe(204);
    expect((await t.api(member, 'GET', `/api/topics/${news.body.id}/messages`)).status).toBe(404);
  });

  it('when a topic id belongs to another party, then 404 TOPIC.NOT_FOUND', async () => {
    const a = await party();
    const b = await party();
    const foreignTopic = (await t.api(b.owner, 'GET', `/api/parties/${b.partyId}/topics`)).body[0].id;
    const res = await t.api(a.owner, 'PATCH', `/api/parties/${a.partyId}/topics/${foreignTopic}`, {
      name: 'x',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('TOPIC.NOT_FOUND');
  });
});
