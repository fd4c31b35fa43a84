import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UserEvent } from '@partyline/contracts';

import { Browser } from './support/browser.js';
import { eventually, readTopic } from './support/kafka.js';
import type { TopicReader } from './support/kafka.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

describe('user events on accounts.user-events (through the Mongo outbox)', () => {
  let svc: TestService;
  let reader: TopicReader;

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }));
    reader = await readTopic(svc.config.topics.userEvents);
  });
  afterAll(async () => {
    await reader?.stop();
    await svc?.close();
  });

  it('register, update and delete each publish one event, in order, with the full state and rising versions', async () => {
    const { token, session } = await devSignIn(svc.url, 'eventful', new Browser());
    const userId = session.user.id;
    const http = new Browser();
    const patched = await http.request(`${svc.url}/api/users/me`, {
      method: 'PATCH',
      token,
      body: { displayName: 'Eventful One' },
    });
    expect(patched.status).toBe(200);
    expect((await http.request(`${svc.url}/api/users/me`, { method: 'DELETE', token })).status).toBe(204);

    const mine = (values: unknown[]) =>
      values.map((v) => UserEvent.parse(v)).filter((e) => e.aggregateId === userId);
    await reader.waitFor((values) => mine(values).length >= 3);
    const events = mine(reader.messages.map((m) => m.value));

    expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['UserRegistered', 1],
      ['UserUpdated', 2],
      ['UserDeleted', 3],
    ]);
    expect(events[0]?.data).toEqual({
      userId,
      username: 'eventful',
      displayName: 'eventful',
      avatarUrl: null,
      createdAt: session.user.createdAt,
    });
    expect(events[1]?.data).toMatchObject({ userId, displayName: 'Eventful One' });
    expect(events[2]?.data).toEqual({ userId });
    expect(events.every((e) => e.producer === 'accounts-service')).toBe(true);
    expect(reader.messages.filter((m) => m.key === userId)).toHaveLength(3); // keyed by user id

    // The relay pulled the published events; the tombstone stays, marked deleted and without personal data.
    const client = await MongoClient.connect(svc.config.mongoUrl);
    try {
      const doc = await eventually(async () => {
        const found = await client
          .db()
          .collection('users')
          .findOne({ _id: userId as never });
        expect(found?.['outbox']).toEqual([]);
        return found;
      });
      expect(doc).toMatchObject({ version: 3, displayName: '', avatarUrl: null, verifiedEmails: [] });
      expect(doc?.['deletedAt']).toBeInstanceOf(Date);
    } finally {
      await client.close();
    }
  });

  it('the event carries the request correlation id', async () => {
    const correlationId = `corr-${Date.now()}`;
    const res = await fetch(`${svc.url}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ username: 'traced' }),
    });
    expect(res.status).toBe(200);
    const values = await reader.waitFor((vs) =>
      vs.some((v) => (v as { correlationId?: string }).correlationId === correlationId),
    );
    expect(values.map((v) => UserEvent.parse(v)).find((e) => e.correlationId === correlationId)?.type).toBe(
      'UserRegistered',
    );
  });

  it('a profile PATCH that changes nothing publishes nothing', async () => {
    const { token, session } = await devSignIn(svc.url, 'steady');
    await reader.waitFor((vs) =>
      vs.some((v) => (v as { aggregateId?: string }).aggregateId === session.user.id),
    );
    await new Browser().request(`${svc.url}/api/users/me`, {
      method: 'PATCH',
      token,
      body: { displayName: 'steady' },
    });
    const marker = await devSignIn(svc.url, 'marker'); // published after the no-op PATCH would have been
    await reader.waitFor((vs) =>
      vs.some((v) => (v as { aggregateId?: string }).aggregateId === marker.session.user.id),
    );
    expect(reader.messages.filter((m) => m.key === session.user.id)).toHaveLength(1);
  });
});
