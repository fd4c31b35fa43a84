// What one client can ask of the store (issue 12.5): a sync names each topic once, one reply is capped in
// messages and bytes (gap markers for the rest), and sync, presence:list and read marks are limited per
// user in Redis, across instances.
import { randomUUID } from 'node:crypto';

import { MESSAGE_BODY_MAX, SYNC_REPLY_MAX_BYTES, SYNC_REPLY_MAX_MESSAGES } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createSharedSetup,
  startTestService,
  type SharedSetup,
  type TestService,
  type TestUser,
} from '../helpers/service.js';
import { connectToService } from './support/service-client.js';
import { request, type TestClient } from './support/wait.js';

const services: TestService[] = [];
const clients: TestClient[] = [];
let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  services.push(t);
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const service of services.reverse()) await service.close();
});

const open = async (service: TestService, user: TestUser) => {
  const client = await connectToService(service, user.token);
  clients.push(client);
  return client;
};

/** A party of `user` with `count` topics, its id and their ids. */
async function partyWithTopics(service: TestService, user: TestUser, count: number) {
  const party = (await service.api(user, 'POST', '/api/parties', { name: 'Big' })).body;
  const topicIds: string[] = [(await service.api(user, 'GET', `/api/parties/${party.id}/topics`)).body[0].id];
  while (topicIds.length < count) {
    const topic = await service.api(user, 'POST', `/api/parties/${party.id}/topics`, {
      name: `t${topicIds.length}`,
    });
    topicIds.push(topic.body.id);
  }
  return { partyId: party.id as string, topicIds };
}

/** Stores n messages of `body` in the topic, 10 at a time, through the real send path. */
async function fill(service: TestService, user: TestUser, topicId: string, n: number, body: string) {
  const actor = { id: user.id, username: user.username };
  for (let i = 0; i < n; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, () =>
        service.service.services.messages.send(actor, { topicId, body, nonce: randomUUID() }),
      ),
    );
  }
}

describe('sync cursors and reply size', () => {
  it('when a sync names the same topic twice, then the ack is REQUEST.INVALID', async () => {
    const owner = t.user();
    const { topicIds } = await partyWithTopics(t, owner, 1);
    const client = await open(t, owner);
    const cursor = { topicId: topicIds[0] ?? '', lastSeq: 0 };
    const reply = await request(client, 'sync', { cursors: [cursor, cursor] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
  });

  it('when the missed messages exceed the reply’s message cap, then the topics beyond it get gap markers', async () => {
    const owner = t.user();
    const { topicIds } = await partyWithTopics(t, owner, 3);
    const perTopic = 400; // three topics: 1,200 > SYNC_REPLY_MAX_MESSAGES (1,000)
    for (const topicId of topicIds) await fill(t, owner, topicId, perTopic, 'short');
    const client = await open(t, owner);
    const reply = await request(
      client,
      'sync',
      { cursors: topicIds.map((topicId) => ({ topicId, lastSeq: 0 })) },
      20_000,
    );
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    const [first, second, third] = reply.topics;
    expect(first && 'messages' in first && first.messages).toHaveLength(perTopic);
    expect(second && 'messages' in second && second.messages).toHaveLength(perTopic);
    expect(third).toEqual({ topicId: topicIds[2], gap: true, latestSeq: perTopic, lastChange: 0 });
    const total = reply.topics.reduce((n, topic) => n + ('messages' in topic ? topic.messages.length : 0), 0);
    expect(total).toBeLessThanOrEqual(SYNC_REPLY_MAX_MESSAGES);
  }, 60_000);

  it('when the missed messages exceed the reply’s byte cap, then the topic beyond it gets a gap marker', async () => {
    const owner = t.user();
    const { topicIds } = await partyWithTopics(t, owner, 2);
    const long = 'x'.repeat(MESSAGE_BODY_MAX);
    // 400 + 200 messages of 4,000 characters: ~2.4 MB, over SYNC_REPLY_MAX_BYTES (2 MiB).
    await fill(t, owner, topicIds[0] ?? '', 400, long);
    await fill(t, owner, topicIds[1] ?? '', 200, long);
    const client = await open(t, owner);
    const reply = await request(
      client,
      'sync',
      { cursors: topicIds.map((topicId) => ({ topicId, lastSeq: 0 })) },
      20_000,
    );
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    const [first, second] = reply.topics;
    expect(first && 'messages' in first && first.messages).toHaveLength(400);
    expect(second).toEqual({ topicId: topicIds[1], gap: true, latestSeq: 200, lastChange: 0 });
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThanOrEqual(SYNC_REPLY_MAX_BYTES);
  }, 60_000);
});

describe('per-user limits of sync, presence:list and read marks, across instances', () => {
  let shared: SharedSetup;
  let one: TestService;
  let two: TestService;
  beforeAll(async () => {
    shared = await createSharedSetup();
    const eventLimits = {
      sync: { points: 3, windowSeconds: 60 },
      presence: { points: 2, windowSeconds: 60 },
      readMark: { points: 2, windowSeconds: 60 },
    };
    one = await startTestService({ shared, eventLimits });
    two = await startTestService({ shared, eventLimits });
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await two?.close();
    await one?.close();
    await shared?.db.drop();
  });

  it('when a user syncs past the limit on two instances, then RATE_LIMITED; an empty sync (the heartbeat) is never counted', async () => {
    const user = one.user();
    const { topicIds } = await partyWithTopics(one, user, 1);
    const cursors = [{ topicId: topicIds[0] ?? '', lastSeq: 0 }];
    const onOne = await open(one, user);
    const onTwo = await open(two, user);
    expect(await request(onOne, 'sync', { cursors })).toMatchObject({ ok: true });
    expect(await request(onTwo, 'sync', { cursors })).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++)
      expect(await request(onOne, 'sync', { cursors: [] })).toMatchObject({ ok: true });
    expect(await request(onTwo, 'sync', { cursors })).toMatchObject({ ok: true });
    expect(await request(onOne, 'sync', { cursors })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await request(onTwo, 'sync', { cursors: [] })).toEqual({ ok: true, topics: [] });
    // Another user is not affected.
    const other = one.user();
    const theirs = await partyWithTopics(one, other, 1);
    const otherClient = await open(two, other);
    expect(
      await request(otherClient, 'sync', { cursors: [{ topicId: theirs.topicIds[0] ?? '', lastSeq: 0 }] }),
    ).toMatchObject({ ok: true });
  });

  it('when a user asks presence:list past the limit, then RATE_LIMITED', async () => {
    const user = one.user();
    const { partyId } = await partyWithTopics(one, user, 1);
    const onOne = await open(one, user);
    const onTwo = await open(two, user);
    expect(await request(onOne, 'presence:list', { partyId })).toMatchObject({ ok: true });
    expect(await request(onTwo, 'presence:list', { partyId })).toMatchObject({ ok: true });
    expect(await request(onOne, 'presence:list', { partyId })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('when a user marks read past the limit over REST and the socket, then 429 / RATE_LIMITED', async () => {
    const user = one.user();
    const { topicIds } = await partyWithTopics(one, user, 1);
    const topicId = topicIds[0] ?? '';
    const client = await open(two, user);
    expect((await one.api(user, 'PUT', `/api/topics/${topicId}/read`, { seq: 0 })).status).toBe(204);
    expect(await request(client, 'read:mark', { topicId, seq: 0 })).toMatchObject({ ok: true });
    expect(await request(client, 'read:mark', { topicId, seq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    const rest = await one.api(user, 'PUT', `/api/topics/${topicId}/read`, { seq: 0 });
    expect(rest.status).toBe(429);
    expect(rest.body.error.code).toBe('RATE_LIMITED');
    expect(Number(rest.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
