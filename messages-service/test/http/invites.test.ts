import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService({ inviteLimit: { points: 1000, windowSeconds: 60 } });
});
afterAll(async () => {
  await t?.close();
});

async function partyOf(owner: TestUser, name = 'Invites') {
  return (await t.api(owner, 'POST', '/api/parties', { name })).body as { id: string };
}

describe('invites', () => {
  it('when an admin creates an invite, then the code is long, random and only shown once', async () => {
    const owner = t.user();
    const party = await partyOf(owner);
    const created = await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {
      maxUses: 5,
      expiresInSeconds: 3600,
    });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(created.body.code, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(created.body).toMatchObject({ partyId: party.id, maxUses: 5, uses: 0, revokedAt: null });
    const listed = await t.api(owner, 'GET', `/api/parties/${party.id}/invites`);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).not.toHaveProperty('code');
    const stored = await t.db.pool.query('SELECT code_hash FROM invites WHERE id = $1', [created.body.id]);
    expect(stored.rows[0].code_hash.toString('base64url')).not.toBe(created.body.code);
  });

  it('when a user previews and accepts a code, then they see the party and become a member', async () => {
    const owner = t.user();
    const guest = t.user();
    const party = await partyOf(owner, 'Welcome');
    const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    const preview = await t.api(guest, 'GET', `/api/invites/${code}`);
    expect(preview.body).toEqual({ partyId: party.id, partyName: 'Welcome', memberCount: 1 });
    const accepted = await t.api(guest, 'POST', `/api/invites/${code}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: party.id, myRole: 'member', memberCount: 2 });
    // Accepting again takes no second use.
    await t.api(guest, 'POST', `/api/invites/${code}/accept`);
    const invites = (await t.api(owner, 'GET', `/api/parties/${party.id}/invites`)).body;
    expect(invites[0].uses).toBe(1);
  });

  it('when 10 users redeem a code with 3 uses left at once, then exactly 3 join', async () => {
    const owner = t.user();
    const party = await partyOf(owner, 'Crowded');
    const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, { maxUses: 3 })).body;
    const guests = Array.from({ length: 10 }, () => t.user());
    const results = await Promise.all(guests.map((g) => t.api(g, 'POST', `/api/invites/${code}/accept`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 404)).toHaveLength(7);
    for (const r of results.filter((res) => res.status === 404))
      expect(r.body.error.code).toBe('INVITE.INVALID');
    const members = (await t.api(owner, 'GET', `/api/parties/${party.id}/members`)).body;
    expect(members).toHaveLength(4);
    const invite = (await t.api(owner, 'GET', `/api/parties/${party.id}/invites`)).body[0];
    expect(invite.uses).toBe(3);
  });

  it('when a code is unknown, revoked, used up or expired, then the answer is the same 404 INVITE.INVALID', async () => {
    const owner = t.user();
    const party = await partyOf(owner, 'Closed');
    const revoked = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    expect((await t.api(owner, 'DELETE', `/api/parties/${party.id}/invites/${revoked.id}`)).status).toBe(204);
    const usedUp = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, { maxUses: 1 })).body;
    await t.api(t.user(), 'POST', `/api/invites/${usedUp.code}/accept`);
    const expired = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, { expiresInSeconds: 60 }))
      .body;
    await t.db.pool.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expired.id,
    ]);

    const late = t.user();
    const answers = [];
    for (const code of ['no-such-code-at-all', revoked.code, usedUp.code, expired.code]) {
      for (const [method, path] of [
        ['GET', `/api/invites/${code}`],
        ['POST', `/api/invites/${code}/accept`],
      ] as const) {
        const res = await t.api(late, method, path);
        answers.push({ status: res.status, code: res.body.error.code, message: res.body.error.message });
      }
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 404, code: 'INVITE.INVALID' });
    expect((await t.api(owner, 'GET', `/api/parties/${party.id}`)).body.memberCount).toBe(2);
  });

  it('when a banned user redeems a valid code, then 403 MEMBER.BANNED and no use is taken', async () => {
    const owner = t.user();
    const troll = t.user();
    const party = await partyOf(owner, 'Strict');
    const { code, id } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    await t.api(troll, 'POST', `/api/invites/${code}/accept`);
    expect(
      (await t.api(owner, 'POST', `/api/parties/${party.id}/bans`, { userId: troll.id, reason: 'spam' }))
        .status,
    ).toBe(204);
    const again = await t.api(troll, 'POST', `/api/invites/${code}/accept`);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('MEMBER.BANNED');
    const bans = (await t.api(owner, 'GET', `/api/parties/${party.id}/bans`)).body;
    expect(bans).toEqual([expect.objectContaining({ userId: troll.id, reason: 'spam', bannedBy: owner.id })]);
    const invite = (await t.api(owner, 'GET', `/api/parties/${party.id}/invites`)).body.find(
      (i: { id: string }) => i.id === id,
    );
    expect(invite.uses).toBe(1);
    // Lifting the ban lets them back in.
    expect((await t.api(owner, 'DELETE', `/api/parties/${party.id}/bans/${troll.id}`)).status).toBe(204);
    expect((await t.api(troll, 'POST', `/api/invites/${code}/accept`)).status).toBe(200);
  });
});

describe('rate limits', () => {
  let limited: TestService;
  beforeAll(async () => {
    limited = await startTestService({
      inviteLimit: { points: 3, windowSeconds: 60 },
      sendLimit: { points: 3, windowSeconds: 60 },
    });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('when a user tries too many codes, then 429 RATE_LIMITED with Retry-After', async () => {
    const guesser = limited.user();
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await limited.api(guesser, 'GET', `/api/invites/guess-${i}-xxxxxxxx`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    expect(last?.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await limited.api(limited.user(), 'GET', '/api/invites/guess-x-xxxxxxxx')).status).toBe(404);
  });

  it('when a user sends too fast, then 429 RATE_LIMITED and the extra message is not stored', async () => {
    const chatty = limited.user();
    const party = (await limited.api(chatty, 'POST', '/api/parties', { name: 'Chatty' })).body;
    const topicId = (await limited.api(chatty, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.api(chatty, 'POST', `/api/topics/${topicId}/messages`, {
        body: `${i}`,
        nonce: `rate-${i}-xxxx`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const history = (await limited.api(chatty, 'GET', `/api/topics/${topicId}/messages`)).body;
    expect(history.messages).toHaveLength(3);
  });
});
