import { PartyEvent } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, readTopic } from '../helpers/kafka.js';
import { startTestService, type TestService } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

describe('party events through the outbox', () => {
  it('when a party, its members and topics change, then the events appear on Kafka in version order, keyed by party', async () => {
    const reader = await readTopic(t.topics.partyEvents);
    try {
      const owner = t.user();
      const guest = t.user();
      const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Evented' })).body;
      await t.api(owner, 'PATCH', `/api/parties/${party.id}`, { name: 'Evented!' });
      const topic = (await t.api(owner, 'POST', `/api/parties/${party.id}/topics`, { name: 'news' })).body;
      const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
      await t.api(guest, 'POST', `/api/invites/${code}/accept`);
      await t.api(owner, 'PATCH', `/api/parties/${party.id}/members/${guest.id}`, { role: 'owner' });
      await t.api(owner, 'POST', `/api/parties/${party.id}/leave`);
      await t.api(guest, 'DELETE', `/api/parties/${party.id}/topics/${topic.id}`);
      await t.api(guest, 'DELETE', `/api/parties/${party.id}`);

      const events = await eventually(async () => {
        const mine = reader.messages.filter((m) => m.key === party.id);
        expect(mine).toHaveLength(11);
        return mine.map((m) => PartyEvent.parse(m.value));
      });
      expect(events.map((e) => e.type)).toEqual([
        'PartyCreated',
        'MemberJoined',
        'TopicCreated',
        'PartyUpdated',
        'TopicCreated',
        'MemberJoined',
        'MemberRoleChanged',
        'MemberRoleChanged',
        'MemberLeft',
        'TopicDeleted',
        'PartyDeleted',
      ]);
      expect(events.map((e) => e.aggregateVersion)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      expect(events.every((e) => e.aggregateId === party.id && e.producer === 'messages-service')).toBe(true);
      expect(events[0]?.data).toEqual({ partyId: party.id, name: 'Evented', ownerId: owner.id });
      expect(events[5]?.data).toEqual({
        partyId: party.id,
        partyName: 'Evented!',
        userId: guest.id,
        role: 'member',
      });
      expect(events.slice(6, 9).map((e) => e.data)).toEqual([
        { partyId: party.id, userId: owner.id, role: 'admin' },
        { partyId: party.id, userId: guest.id, role: 'owner' },
        { partyId: party.id, userId: owner.id, reason: 'left' },
      ]);
      const { rows } = await t.db.pool.query(
        'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await reader.stop();
    }
  }, 40_000);

  it('when a change is refused, then no event is written', async () => {
    const owner = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Quiet' })).body;
    const before = await t.db.pool.query('SELECT count(*)::int AS n FROM outbox');
    await t.api(owner, 'POST', `/api/parties/${party.id}/topics`, { name: 'general' }); // name taken → 409
    await t.api(t.user(), 'PATCH', `/api/parties/${party.id}`, { name: 'Nope' }); // outsider → 404
    const after = await t.db.pool.query('SELECT count(*)::int AS n FROM outbox');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
