import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { generateSigningKey } from '@partyline/auth';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';

import { ConfigError, loadConfig } from '../src/app/config.js';
import { Browser } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { mongoUrlFor, randomSuffix, stack } from './support/stack.js';

describe('operating accounts-service', () => {
  let svc: TestService;
  const http = new Browser();

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }));
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('/healthz answers while the process runs and /readyz checks Mongo, Redis and Kafka', async () => {
    expect((await http.request(`${svc.url}/healthz`)).status).toBe(200);
    const ready = await http.request(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { mongo: 'ok', redis: 'ok', kafka: 'ok' } });
  });

  it('/metrics exposes request durations labelled by route pattern, not by raw path', async () => {
    await http.request(`${svc.url}/api/users/3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f`);
    await http.request(`${svc.url}/api/auth/providers`);
    const metrics = await http.request(`${svc.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = String(metrics.body);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(/route="\/api\/auth\/providers"/);
    expect(text).not.toContain('3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f');
  });

  it('/openapi.json is an OpenAPI 3.1 document of every route', async () => {
    const doc = (await http.request(`${svc.url}/openapi.json`)).body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');

    // Every route of the table the service mounted is documented, with its method.
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const table = svc.routes.map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(table.length).toBeGreaterThan(0);
    expect(documented).toEqual(expect.arrayContaining(table));

    // And every documented operation is really mounted: whatever it answers, it is not ROUTE.NOT_FOUND.
    const stranger = new Browser();
    for (const operation of documented) {
      const [method = '', path = ''] = operation.split(' ');
      const url = `${svc.url}${path.replace(/\{[^}]+\}/g, '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f')}`;
      const reply = await stranger.request(url, { method: method.toUpperCase() });
      const code = ErrorBody.safeParse(reply.body).data?.error.code;
      expect(code, operation).not.toBe('ROUTE.NOT_FOUND');
    }
    expect(Object.keys(doc.paths['/api/users/me'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
  });

  it('sends security headers, echoes the correlation id, and answers unknown routes 404 ROUTE.NOT_FOUND', async () => {
    const reply = await http.request(`${svc.url}/api/nothing-here`);
    expect(reply.status).toBe(404);
    const body = ErrorBody.parse(reply.body);
    expect(body.error.code).toBe('ROUTE.NOT_FOUND');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(body.error.correlationId).toBe(reply.headers.get('x-correlation-id'));
  });

  it('a malformed JSON body is 400 REQUEST.INVALID', async () => {
    const res = await fetch(`${svc.url}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('REQUEST.INVALID');
  });
});

describe('configuration', () => {
  it('lists every missing or bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DEV_SIGNIN: 'yes', PUBLIC_URL: 'not a url' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DEV_SIGNIN',
      'PUBLIC_URL',
      'KAFKA_BROKERS',
      'REDIS_URL',
      'MONGO_URL',
      'JWT_PRIVATE_KEY',
      'JWT_KEY_ID',
    ])
      expect(problems).toContain(name);
  });

  it('applies the documented defaults', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'a:1, b:2',
      REDIS_URL: 'redis://r:1',
      MONGO_URL: 'mongodb://m:1/db',
      PUBLIC_URL: 'http://localhost:5173/',
      JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem,
      JWT_KEY_ID: 'k1',
    });
    expect(config).toMatchObject({
      port: 4001,
      kafkaBrokers: ['a:1', 'b:2'],
      publicUrl: 'http://localhost:5173',
      devSignIn: false,
      cookieSecure: true,
      refreshTtlDays: 30,
      google: undefined,
      github: undefined,
      jwt: { issuer: 'partyline-accounts', audience: 'partyline', accessTtlSeconds: 600 },
    });
  });
});

describe('the process', () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const tsconfig = fileURLToPath(new URL('../../tsconfig.tests.json', import.meta.url));

  const run = (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env['PATH'] ?? '', TSX_TSCONFIG_PATH: tsconfig, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => stdout, err: () => stderr };
  };

  it('stops with exit code 1 and the list of problems when the config is bad', async () => {
    const proc = run({ PORT: '0' });
    expect(await proc.exited).toBe(1);
    expect(proc.err()).toContain('MONGO_URL');
  });

  it('on SIGTERM stops accepting, closes everything and exits 0', async () => {
    const id = randomSuffix();
    const proc = run({
      PORT: '0',
      KAFKA_BROKERS: stack.kafkaBrokers,
      REDIS_URL: stack.redisUrl,
      MONGO_URL: mongoUrlFor(`t_accounts_proc_${id}`),
      PUBLIC_URL: 'http://localhost:5173',
      JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem,
      JWT_KEY_ID: 'proc',
      KAFKA_USER_EVENTS_TOPIC: `t.accounts.user-events.${id}`,
      KAFKA_PARTY_EVENTS_TOPIC: `t.messages.party-events.${id}`,
      KAFKA_CONSUMER_GROUP: `t-accounts-proc-${id}`,
      REDIS_KEY_PREFIX: `t:accounts:proc:${id}:`,
    });
    const deadline = Date.now() + 30_000;
    while (!proc.out().includes('accounts-service listening')) {
      if (Date.now() > deadline) throw new Error(`did not start: ${proc.out()} ${proc.err()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = (
      JSON.parse(
        proc
          .out()
          .split('\n')
          .find((l) => l.includes('listening'))!,
      ) as { url: string }
    ).url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain('shutting down');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await dropDatabase(mongoUrlFor(`t_accounts_proc_${id}`));
  }, 60_000);
});

async function dropDatabase(url: string): Promise<void> {
  const client = await MongoClient.connect(url);
  try {
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}
