import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { stackEnv } from '../helpers/env.js';

import { startTestService, TEST_ORIGIN, type TestService } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

describe('parties over REST', () => {
  it('when a user creates a party, then they own it and it has a "general" topic', async () => {
    const alice = t.user();
    const created = await t.api(alice, 'POST', '/api/parties', { name: '  Board games ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Board games',
      ownerId: alice.id,
      myRole: 'owner',
      memberCount: 1,
    });

    const topics = await t.api(alice, 'GET', `/api/parties/${created.body.id}/topics`);
    expect(topics.status).toBe(200);
    expect(topics.body).toEqual([expect.objectContaining({ name: 'general', position: 0, lastSeq: 0 })]);

    const mine = await t.api(alice, 'GET', '/api/parties');
    expect(mine.body.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });

  it('when there is no token, then every API route answers 401 AUTH.REQUIRED', async () => {
    const res = await t.api(null, 'GET', '/api/parties');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.REQUIRED');
  });

  it('when the owner renames the party, then members see the new name', async () => {
    const owner = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Old' })).body;
    const renamed = await t.api(owner, 'PATCH', `/api/parties/${party.id}`, { name: 'New' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('New');
  });

  it('when the owner deletes the party, then it is gone', async () => {
    const owner = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Short-lived' })).body;
    expect((await t.api(owner, 'DELETE', `/api/parties/${party.id}`)).status).toBe(204);
    expect((await t.api(owner, 'GET', `/api/parties/${party.id}`)).status).toBe(404);
  });

  it('when the owner tries to leave, then 409 PARTY.OWNER_MUST_TRANSFER', async () => {
    const owner = t.user();
    const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Mine' })).body;
    const res = await t.api(owner, 'POST', `/api/parties/${party.id}/leave`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PARTY.OWNER_MUST_TRANSFER');
  });

  it('when a browser origin is allowed, then CORS lets it call the API; other origins get no CORS headers', async () => {
    const preflight = await fetch(`${t.service.url}/api/parties`, {
      method: 'OPTIONS',
      headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const foreign = await fetch(`${t.service.url}/api/parties`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when PostgreSQL drops the idle connections of the service, then it reconnects and keeps serving', async () => {
    const owner = t.user();
    expect((await t.api(owner, 'POST', '/api/parties', { name: 'Before' })).status).toBe(201);
    const dbName = new URL(t.db.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: stackEnv.postgresUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND application_name = 'messages-service' AND state = 'idle'",
        [dbName],
      );
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await t.api(owner, 'POST', '/api/parties', { name: 'After' })).status).toBe(201);
    expect((await t.api(owner, 'GET', '/api/parties')).body).toHaveLength(2);
  });

  it('when an operator asks the ops port, then it serves health, readiness, metrics and the OpenAPI document', async () => {
    const ops = t.service.opsUrl;
    expect(ops).not.toBe(t.service.url);
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ops}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toEqual({
      postgres: 'ok',
      redis: 'ok',
      kafka: 'ok',
    });
    const metrics = await fetch(`${ops}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('http_request_duration_seconds');
    expect(text).toContain('realtime_connected_sockets');
    // The users copy's consumer, under the names deploy/monitoring/alerts.yml reads, labelled by service.
    expect(text).toMatch(/events_consumer_applied_total\{[^}]*group="[^"]+"[^}]*\} \d+/);
    expect(text).toMatch(/events_consumer_lag_messages\{[^}]*partition="0"[^}]*\} \d+/);
    expect(text).toContain('service="messages-service"');
    expect(text).toMatch(/events_outbox_pending\{[^}]*relay="pg-outbox"[^}]*\} \d+/);
    expect(text).toMatch(/events_outbox_published_total\{[^}]*relay="pg-outbox"[^}]*\} \d+/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read loosely
    const doc: { body: any } = { body: await (await fetch(`${ops}/openapi.json`)).json() };
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/topics/{topicId}/messages');
    // Every route of docs/interfaces.md, with its request and reply schemas.
    const operations = Object.values(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      Object.keys,
    );
    expect(operations).toHaveLength(46);
    // Issue 15.3: the direct conversations' five operations, a 1:1 found again answering 200 beside the 201.
    expect(doc.body.paths['/api/direct'].post.responses['200']).toBeDefined();
    expect(doc.body.paths['/api/direct'].post.responses['403']).toBeDefined();
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/direct/contacts', '/api/direct/{conversationId}/participants']),
    );
    // Issue 14: reactions and notification settings, each with its reply and error schemas.
    const reactions = doc.body.paths['/api/messages/{messageId}/reactions/{emoji}'];
    expect(Object.keys(reactions).sort()).toEqual(['delete', 'put']);
    expect(Object.keys(reactions.put.responses).sort()).toEqual(['200', '400', '401', '404', '409', '429']);
    expect(doc.body.paths['/api/topics/{topicId}/notification-settings'].put.responses['404']).toBeDefined();
    expect(doc.body.components.schemas).toHaveProperty('MessageReactionsReply');
    expect(doc.body.components.schemas).toHaveProperty('Message');
    expect(doc.body.paths['/api/topics/{topicId}/messages'].post.responses['201']).toBeDefined();
    // A nonce retry answers 200 with the original: documented beside the 201.
    expect(doc.body.paths['/api/topics/{topicId}/messages'].post.responses['200']).toBeDefined();
  });

  it('when anyone asks the public port for the ops endpoints, then it answers 404 (liveness only)', async () => {
    expect((await t.api(null, 'GET', '/healthz')).status).toBe(200);
    for (const path of ['/readyz', '/metrics', '/openapi.json', '/api/../metrics', '/api/%2e%2e/readyz']) {
      const reply = await fetch(`${t.service.url}${path}`);
      expect(reply.status, path).toBe(404);
    }
  });
});
