// Kafka stays off the request path: with the broker unreachable the service still starts and serves, and
// its events wait in the outbox.
import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  generateSigningKey,
} from '@partyline/auth';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configDefaults } from '../../src/app/config.js';
import { startMessagesService, type RunningMessagesService } from '../../src/app/start.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { randomSuffix, stackEnv } from '../helpers/env.js';

let db: TestDatabase;
let service: RunningMessagesService;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const key = generateSigningKey();
  const signer = createAccessTokenSigner({
    ...key,
    privateKeyPem: key.privateKeyPem,
    issuer: 'i',
    audience: 'a',
    ttlSeconds: 600,
  });
  const suffix = randomSuffix();
  service = await startMessagesService(
    {
      ...configDefaults,
      port: 0,
      host: '127.0.0.1',
      ops: { port: 0, host: '127.0.0.1' },
      trustProxy: false,
      logLevel: 'silent',
      kafkaBrokers: ['127.0.0.1:1'],
      redisUrl: stackEnv.redisUrl,
      postgresUrl: db.url,
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
      jwtIssuer: 'i',
      jwtAudience: 'a',
      allowedOrigins: ['http://localhost:5173'],
    },
    {
      logger: pino({ level: 'silent' }),
      verifier: createAccessTokenVerifier({
        keys: createStaticKeyResolver(signer.jwks()),
        issuer: 'i',
        audience: 'a',
      }),
      redisKeyPrefix: `t_${suffix}:`,
      topics: { userEvents: `t.user-events.${suffix}`, partyEvents: `t.party-events.${suffix}` },
    },
  );
  token = signer.sign({ sub: crypto.randomUUID(), username: 'offline' }).token;
});
afterAll(async () => {
  await service?.close();
  await db?.drop();
});

describe('when Kafka is unreachable', () => {
  it('the service starts, serves parties and messages, reports not ready, and keeps the events in the outbox', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${service.url}/api/parties`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Offline' }),
    });
    expect(created.status).toBe(201);
    const party = (await created.json()) as { id: string };
    const topics = (await (
      await fetch(`${service.url}/api/parties/${party.id}/topics`, { headers })
    ).json()) as { id: string }[];
    const sent = await fetch(`${service.url}/api/topics/${topics[0]!.id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: 'still works', nonce: 'offline-nonce' }),
    });
    expect(sent.status).toBe(201);

    const ready = await fetch(`${service.opsUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { postgres: 'ok', redis: 'ok', kafka: 'down' } });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    expect(rows[0].n).toBe(3);
  });
});
