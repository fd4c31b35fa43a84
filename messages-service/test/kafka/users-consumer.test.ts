// The users copy, fed from a test topic standing in for accounts.user-events.
import { makeEvent } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, produce } from '../helpers/kafka.js';
import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  await t.service.consumerReady;
});
afterAll(async () => {
  await t?.close();
});

const meta = (userId: string, version: number) => ({
  aggregateId: userId,
  aggregateVersion: version,
  producer: 'accounts-service',
  correlationId: `test-${userId}`,
});

const userState = (user: TestUser, displayName: string) => ({
  userId: user.id,
  username: user.username,
  displayName,
  avatarUrl: `https://example.com/${user.username}.png`,
  createdAt: new Date().toISOString(),
});

async function publishUserEvents(...events: { aggregateId: string }[]) {
  await produce(
    t.topics.userEvents,
    events.map((e) => ({ key: e.aggregateId, value: e })),
  );
}

async function newParty(owner: TestUser, name: string) {
  const party = (await t.api(owner, 'POST', '/api/parties', { name })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  return { id: party.id as string, code: code as string };
}

const join = (user: TestUser, code: string) => t.api(user, 'POST', `/api/invites/${code}/accept`);

describe('users copy', () => {
  it('when a user registers and updates, then members and authors show the newest state; older versions are ignored', async () => {
    const zoe = t.user();
    const party = await newParty(zoe, 'Profiles');
    await publishUserEvents(
      makeEvent('UserRegistered', userState(zoe, 'Zoe'), meta(zoe.id, 1)),
      makeEvent('UserUpdated', userState(zoe, 'Zoe Z.'), meta(zoe.id, 3)),
      makeEvent('UserUpdated', userState(zoe, 'Stale Zoe'), meta(zoe.id, 2)),
    );
    await eventually(async () => {
      const members = (await t.api(zoe, 'GET', `/api/parties/${party.id}/members`)).body;
      expect(members[0]).toMatchObject({
        userId: zoe.id,
        displayName: 'Zoe Z.',
        avatarUrl: expect.stringContaining('.png'),
      });
    });
    // The stale event comes after the newer one on the same partition: give it time, then check again.
    const marker = t.user();
    await publishUserEvents(makeEvent('UserRegistered', userState(marker, 'Marker'), meta(marker.id, 1)));
    await eventually(async () => {
      const { rows } = await t.db.pool.query('SELECT 1 FROM users WHERE id = $1', [marker.id]);
      expect(rows).toHaveLength(1);
    });
    const { rows } = await t.db.pool.query('SELECT display_name, version FROM users WHERE id = $1', [zoe.id]);
    expect(rows[0]).toEqual({ display_name: 'Zoe Z.', version: 3 });
  });

  it('when a user is deleted, then they leave every party: ownership passes on, an empty party is deleted, messages stay without author', async () => {
    const [owner, oldMember, admin, soloHeir] = [t.user(), t.user(), t.user(), t.user()];
    // Party 1: a member joined before an admin; the admin inherits.
    const p1 = await newParty(owner, 'With admin');
    await join(oldMember, p1.code);
    await join(admin, p1.code);
    await t.api(owner, 'PATCH', `/api/parties/${p1.id}/members/${admin.id}`, { role: 'admin' });
    // Party 2: no admin; the longest-standing member inherits.
    const p2 = await newParty(owner, 'Members only');
    await join(soloHeir, p2.code);
    await join(oldMember, p2.code);
    // Party 3: the owner alone; it is deleted.
    const p3 = await newParty(owner, 'Alone');
    // Party 4: the deleted user is a plain member.
    const p4 = await newParty(admin, 'Guesting');
    await join(owner, p4.code);

    const topicId = (await t.api(owner, 'GET', `/api/parties/${p1.id}/topics`)).body[0].id;
    const sent = (
      await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
        body: 'my legacy',
        nonce: 'legacy-nonce',
      })
    ).body;

    await publishUserEvents(
      makeEvent('UserRegistered', userState(owner, 'Owner'), meta(owner.id, 1)),
      makeEvent('UserDeleted', { userId: owner.id }, meta(owner.id, 2)),
    );

    await eventually(async () => {
      const party = (await t.api(admin, 'GET', `/api/parties/${p1.id}`)).body;
      expect(party).toMatchObject({ ownerId: admin.id, memberCount: 2 });
      const heirParty = (await t.api(soloHeir, 'GET', `/api/parties/${p2.id}`)).body;
      expect(heirParty).toMatchObject({ ownerId: soloHeir.id, myRole: 'owner', memberCount: 2 });
      const { rows } = await t.db.pool.query('SELECT 1 FROM parties WHERE id = $1', [p3.id]);
      expect(rows).toHaveLength(0);
      const guesting = (await t.api(admin, 'GET', `/api/parties/${p4.id}`)).body;
      expect(guesting).toMatchObject({ ownerId: admin.id, memberCount: 1 });
    });
    const roles = (await t.api(admin, 'GET', `/api/parties/${p1.id}/members`)).body.map(
      (m: { userId: string; role: string }) => [m.userId, m.role],
    );
    expect(Object.fromEntries(roles)).toEqual({ [oldMember.id]: 'member', [admin.id]: 'owner' });
    const history = (await t.api(admin, 'GET', `/api/topics/${topicId}/messages`)).body;
    expect(history.messages).toEqual([
      expect.objectContaining({ id: sent.id, body: 'my legacy', author: null }),
    ]);
    const { rows } = await t.db.pool.query(
      'SELECT username, deleted_at IS NOT NULL AS deleted FROM users WHERE id = $1',
      [owner.id],
    );
    expect(rows[0]).toEqual({ username: null, deleted: true });
    // A deleted account cannot create or join parties with a token that is still valid.
    expect((await t.api(owner, 'POST', '/api/parties', { name: 'Ghost' })).body.error.code).toBe(
      'USER.DELETED',
    );
  }, 40_000);

  it('when a message cannot be parsed, then it is set aside and later events still apply', async () => {
    const later = t.user();
    await produce(t.topics.userEvents, [
      { key: later.id, value: '{"type":"UserRegistered","garbage":true}' },
    ]);
    await publishUserEvents(makeEvent('UserRegistered', userState(later, 'After poison'), meta(later.id, 1)));
    await eventually(async () => {
      const { rows } = await t.db.pool.query('SELECT display_name FROM users WHERE id = $1', [later.id]);
      expect(rows[0]).toEqual({ display_name: 'After poison' });
    }, 30_000);
  }, 40_000);
});
