// Two instances of the service on one database, as behind a load balancer.
import { PartyEvent } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, readTopic } from '../helpers/kafka.js';
import {
  createSharedSetup,
  startTestService,
  type SharedSetup,
  type TestService,
} from '../helpers/service.js';

let shared: SharedSetup;
let a: TestService;
let b: TestService;
beforeAll(async () => {
  shared = await createSharedSetup();
  // Started together: their migrations and plumbing DDL race on the same fresh database.
  [a, b] = await Promise.all([startTestService({ shared }), startTestService({ shared })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await shared?.db.drop();
});

describe('two instances', () => {
  it('when requests alternate between instances, then both see the same state and each event is published once', async () => {
    const reader = await readTopic(a.topics.partyEvents);
    try {
      const owner = a.user();
      const party = (await a.api(owner, 'POST', '/api/parties', { name: 'Shared' })).body;
      const topicId = (await b.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
      const writes = [];
      for (let i = 0; i < 10; i++) {
        const instance = i % 2 ? a : b;
        writes.push(instance.api(owner, 'POST', `/api/parties/${party.id}/topics`, { name: `t${i}` }));
        writes.push(
          instance.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
            body: `m${i}`,
            nonce: `two-inst-${i}`,
          }),
        );
      }
      const results = await Promise.all(writes);
      expect(results.every((r) => r.status === 201)).toBe(true);
      const history = (await a.api(owner, 'GET', `/api/topics/${topicId}/messages`)).body;
      expect(history.messages.map((m: { seq: number }) => m.seq)).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );

      const events = await eventually(async () => {
        const mine = reader.messages.filter((m) => m.key === party.id);
        expect(mine.length).toBeGreaterThanOrEqual(13);
        return mine.map((m) => PartyEvent.parse(m.value));
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const all = reader.messages.filter((m) => m.key === party.id).map((m) => PartyEvent.parse(m.value));
      expect(all).toHaveLength(13);
      expect(all.map((e) => e.aggregateVersion)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
      expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    } finally {
      await reader.stop();
    }
  }, 60_000);
});
