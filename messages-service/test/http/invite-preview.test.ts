import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

// The invite page before sign-in: GET /api/invites/:code/preview needs no token, says only the party's
// name and size, answers every unusable code alike and is limited per client address.
let t: TestService;
beforeAll(async () => {
  t = await startTestService({ inviteLimit: { points: 1000, windowSeconds: 60 } });
});
afterAll(async () => {
  await t?.close();
});

async function partyOf(owner: TestUser, name: string) {
  return (await t.api(owner, 'POST', '/api/parties', { name })).body as { id: string };
}

describe('the public invite preview', () => {
  it('when a signed-out visitor opens a valid code, then they see the party name and member count and no ids', async () => {
    const owner = t.user();
    const party = await partyOf(owner, 'Board games');
    const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    await t.api(t.user(), 'POST', `/api/invites/${code}/accept`);
    const res = await t.api(null, 'GET', `/api/invites/${code}/preview`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ partyName: 'Board games', memberCount: 2 });
    // Looking takes no use.
    const invites = (await t.api(owner, 'GET', `/api/parties/${party.id}/invites`)).body;
    expect(invites[0].uses).toBe(1);
  });

  it('when the code is unknown, revoked, used up or expired, then the same 404 INVITE.INVALID', async () => {
    const owner = t.user();
    const party = await partyOf(owner, 'Closed doors');
    const revoked = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    await t.api(owner, 'DELETE', `/api/parties/${party.id}/invites/${revoked.id}`);
    const usedUp = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, { maxUses: 1 })).body;
    await t.api(t.user(), 'POST', `/api/invites/${usedUp.code}/accept`);
    const expired = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, { expiresInSeconds: 60 }))
      .body;
    await t.db.pool.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expired.id,
    ]);
    const answers = [];
    for (const code of ['no-such-code-at-all', revoked.code, usedUp.code, expired.code]) {
      const res = await t.api(null, 'GET', `/api/invites/${code}/preview`);
      // Everything but the request's own correlation id.
      const { code: errorCode, message } = res.body.error;
      answers.push(JSON.stringify({ status: res.status, errorCode, message, keys: Object.keys(res.body) }));
    }
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!)).toMatchObject({ status: 404, errorCode: 'INVITE.INVALID' });
  });

  it('when a code is too long, then 400 and no lookup', async () => {
    const res = await t.api(null, 'GET', `/api/invites/${'x'.repeat(500)}/preview`);
    expect(res.status).toBe(400);
  });
});

describe('the public invite preview rate limit', () => {
  let limited: TestService;
  beforeAll(async () => {
    limited = await startTestService({ inviteLimit: { points: 3, windowSeconds: 60 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('when one address tries too many codes, then 429 RATE_LIMITED with Retry-After, valid codes too', async () => {
    const owner = limited.user();
    const party = (await limited.api(owner, 'POST', '/api/parties', { name: 'Guarded' })).body;
    const { code } = (await limited.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await limited.api(null, 'GET', `/api/invites/guess-${i}-xxxxxxxx/preview`)).status);
    const valid = await limited.api(null, 'GET', `/api/invites/${code}/preview`);
    expect(statuses).toEqual([404, 404, 404]);
    expect(valid.status).toBe(429);
    expect(valid.body.error.code).toBe('RATE_LIMITED');
    expect(Number(valid.headers.get('retry-after'))).toBeGreaterThan(0);
    // A signed-in user's own budget is separate from the address's.
    expect((await limited.api(limited.user(), 'GET', `/api/invites/${code}`)).status).toBe(200);
  });
});
