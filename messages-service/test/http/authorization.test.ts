// The authorization matrix: outsiders get 404 on everything of a party (its existence does not leak);
// members get 403 on what needs admin; admins get 403 on what needs the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let outsider: TestUser;
let partyId: string;
let topicId: string;
let messageId: string;
let inviteId: string;

async function join(user: TestUser, code: string) {
  const res = await t.api(user, 'POST', `/api/invites/${code}/accept`);
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  t = await startTestService();
  [owner, admin, member, outsider] = [t.user(), t.user(), t.user(), t.user()];
  // The outsider belongs to a party of their own, just not to this one.
  await t.api(outsider, 'POST', '/api/parties', { name: 'Elsewhere' });
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Private' })).body;
  partyId = party.id;
  const invite = (await t.api(owner, 'POST', `/api/parties/${partyId}/invites`, {})).body;
  inviteId = invite.id;
  await join(admin, invite.code);
  await join(member, invite.code);
  expect(
    (await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${admin.id}`, { role: 'admin' })).status,
  ).toBe(200);
  topicId = (await t.api(owner, 'GET', `/api/parties/${partyId}/topics`)).body[0].id;
  messageId = (
    await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, { body: 'secret', nonce: 'nonce-0001' })
  ).body.id;
});
afterAll(async () => {
  await t?.close();
});

const everyPartyRoute = (): [string, string, unknown?][] => [
  ['GET', `/api/parties/${partyId}`],
  ['PATCH', `/api/parties/${partyId}`, { name: 'Hacked' }],
  ['DELETE', `/api/parties/${partyId}`],
  ['POST', `/api/parties/${partyId}/leave`],
  ['GET', `/api/parties/${partyId}/members`],
  ['PATCH', `/api/parties/${partyId}/members/${member.id}`, { role: 'admin' }],
  ['DELETE', `/api/parties/${partyId}/members/${member.id}`],
  ['POST', `/api/parties/${partyId}/bans`, { userId: member.id }],
  ['GET', `/api/parties/${partyId}/bans`],
  ['DELETE', `/api/parties/${partyId}/bans/${member.id}`],
  ['POST', `/api/parties/${partyId}/invites`, {}],
  ['GET', `/api/parties/${partyId}/invites`],
  ['DELETE', `/api/parties/${partyId}/invites/${inviteId}`],
  ['GET', `/api/parties/${partyId}/topics`],
  ['POST', `/api/parties/${partyId}/topics`, { name: 'intrusion' }],
  ['PATCH', `/api/parties/${partyId}/topics/${topicId}`, { name: 'renamed' }],
  ['DELETE', `/api/parties/${partyId}/topics/${topicId}`],
  ['GET', `/api/topics/${topicId}/messages`],
  ['POST', `/api/topics/${topicId}/messages`, { body: 'hi', nonce: 'outsider-1' }],
  ['PATCH', `/api/messages/${messageId}`, { body: 'edited' }],
  ['GET', `/api/messages/${messageId}/edits`],
  ['DELETE', `/api/messages/${messageId}`],
  ['GET', `/api/parties/${partyId}/search?q=secret`],
  ['PUT', `/api/topics/${topicId}/read`, { seq: 1 }],
];

async function expectUnchanged() {
  const party = (await t.api(owner, 'GET', `/api/parties/${partyId}`)).body;
  expect(party).toMatchObject({ name: 'Private', ownerId: owner.id, memberCount: 3 });
  const topics = (await t.api(owner, 'GET', `/api/parties/${partyId}/topics`)).body;
  expect(topics).toEqual([expect.objectContaining({ id: topicId, name: 'general', lastSeq: 1 })]);
  const history = (await t.api(owner, 'GET', `/api/topics/${topicId}/messages`)).body;
  expect(history.messages).toEqual([
    expect.objectContaining({ id: messageId, body: 'secret', deletedAt: null }),
  ]);
  const invites = (await t.api(owner, 'GET', `/api/parties/${partyId}/invites`)).body;
  expect(invites).toEqual([expect.objectContaining({ id: inviteId, revokedAt: null })]);
  const members = (await t.api(owner, 'GET', `/api/parties/${partyId}/members`)).body;
  expect(
    Object.fromEntries(members.map((m: { userId: string; role: string }) => [m.userId, m.role])),
  ).toEqual({
    [owner.id]: 'owner',
    [admin.id]: 'admin',
    [member.id]: 'member',
  });
}

describe('authorization', () => {
  it('when an outsider calls any route of a party, then it answers 404 and changes nothing', async () => {
    for (const [method, path, body] of everyPartyRoute()) {
      const res = await t.api(outsider, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body.error.code).toMatch(/^(PARTY|TOPIC|MESSAGE)\.NOT_FOUND$/);
    }
    await expectUnchanged();
  });

  it('when a member calls a route that needs admin, then it answers 403 and changes nothing', async () => {
    const adminOnly: [string, string, unknown?][] = [
      ['PATCH', `/api/parties/${partyId}`, { name: 'Hacked' }],
      ['DELETE', `/api/parties/${partyId}`],
      ['PATCH', `/api/parties/${partyId}/members/${admin.id}`, { role: 'member' }],
      ['DELETE', `/api/parties/${partyId}/members/${admin.id}`],
      ['POST', `/api/parties/${partyId}/bans`, { userId: admin.id }],
      ['GET', `/api/parties/${partyId}/bans`],
      ['DELETE', `/api/parties/${partyId}/bans/${admin.id}`],
      ['POST', `/api/parties/${partyId}/invites`, {}],
      ['GET', `/api/parties/${partyId}/invites`],
      ['DELETE', `/api/parties/${partyId}/invites/${inviteId}`],
      ['POST', `/api/parties/${partyId}/topics`, { name: 'intrusion' }],
      ['PATCH', `/api/parties/${partyId}/topics/${topicId}`, { name: 'renamed' }],
      ['DELETE', `/api/parties/${partyId}/topics/${topicId}`],
      ['PATCH', `/api/messages/${messageId}`, { body: 'edited' }],
      ['DELETE', `/api/messages/${messageId}`],
    ];
    for (const [method, path, body] of adminOnly) {
      const res = await t.api(member, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect(res.body.error.code).toMatch(/\.FORBIDDEN$/);
    }
    await expectUnchanged();
  });

  it('when an admin does what only the owner may, then it answers 403 and changes nothing', async () => {
    const ownerOnly: [string, string, unknown?][] = [
      ['DELETE', `/api/parties/${partyId}`],
      ['PATCH', `/api/parties/${partyId}/members/${member.id}`, { role: 'admin' }],
      ['PATCH', `/api/parties/${partyId}/members/${member.id}`, { role: 'owner' }],
      ['DELETE', `/api/parties/${partyId}/members/${owner.id}`],
      ['POST', `/api/parties/${partyId}/bans`, { userId: owner.id }],
      ['PATCH', `/api/messages/${messageId}`, { body: 'not my message' }],
    ];
    for (const [method, path, body] of ownerOnly) {
      const res = await t.api(admin, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    await expectUnchanged();
  });

  it('when a party does not exist at all, then it looks the same as one you are not in', async () => {
    const res = await t.api(outsider, 'GET', '/api/parties/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PARTY.NOT_FOUND');
  });
});
