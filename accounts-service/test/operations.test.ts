import { generateSigningKey } from '@partyline/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';

import { ConfigError, loadConfig } from '../src/app/config.js';
import { Browser } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { dropDatabase, listening, processEnv, runMain } from './support/process.js';

describe('operating accounts-service', () => {
  let svc: TestService;
  const http = new Browser();

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }));
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('/healthz answers on both ports and /readyz, on the ops port, checks Mongo, Redis and Kafka', async () => {
    expect((await http.request(`${svc.url}/healthz`)).status).toBe(200);
    expect((await http.request(`${svc.opsUrl}/healthz`)).status).toBe(200);
    const ready = await http.request(`${svc.opsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { mongo: 'ok', redis: 'ok', kafka: 'ok' } });
  });

  it('/metrics, /readyz and /openapi.json are not on the public port, by any spelling of the path', async () => {
    for (const path of ['/metrics', '/readyz', '/openapi.json', '/api/../metrics', '/READYZ', '/metrics/']) {
      const reply = await http.request(`${svc.url}${path}`);
      expect(reply.status, path).toBe(404);
      expect(ErrorBody.parse(reply.body).error.code, path).toBe('ROUTE.NOT_FOUND');
    }
  });

  it('/metrics exposes request durations labelled by route pattern, not by raw path', async () => {
    await http.request(`${svc.url}/api/users/3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f`);
    await http.request(`${svc.url}/api/auth/providers`);
    const metrics = await http.request(`${svc.opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    const text = String(metrics.body);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(/route="\/api\/auth\/providers"/);
    expect(text).not.toContain('3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f');
  });

  it('/metrics exposes the memberships consumer under the names the alert rules read', async () => {
    const text = String((await http.request(`${svc.opsUrl}/metrics`)).body);
    expect(text).toMatch(/events_consumer_applied_total\{[^}]*group="[^"]+"[^}]*\} \d+/);
    expect(text).toMatch(/events_consumer_dead_lettered_total\{[^}]*service="accounts-service"[^}]*\} 0/);
    expect(text).toMatch(/events_consumer_lag_messages\{[^}]*partition="0"[^}]*\} \d+/);
    expect(text).toMatch(/events_outbox_pending\{[^}]*relay="mongo-outbox:users"[^}]*\} \d+/);
    expect(text).toMatch(/events_outbox_published_total\{[^}]*relay="mongo-outbox:users"[^}]*\} \d+/);
  });

  it('/openapi.json is an OpenAPI 3.1 document of every route', async () => {
    const doc = (await http.request(`${svc.opsUrl}/openapi.json`)).body as {
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

  it('the document names what each route answers: required bodies, 413, the origin 403, 204 and 302', async () => {
    interface Operation {
      requestBody?: { required?: boolean };
      responses: Record<string, unknown>;
    }
    const doc = (await http.request(`${svc.opsUrl}/openapi.json`)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const op = (method: string, path: string) => doc.paths[path]?.[method];
    const statuses = (method: string, path: string) => Object.keys(op(method, path)?.responses ?? {}).sort();
    expect(op('post', '/api/auth/dev')?.requestBody?.required).toBe(true);
    expect(op('patch', '/api/users/me')?.requestBody?.required).toBe(true);
    expect(statuses('post', '/api/auth/dev')).toEqual(['200', '400', '404', '413', '429']);
    expect(statuses('patch', '/api/users/me')).toEqual(['200', '400', '401', '404', '409', '413']);
    expect(statuses('post', '/api/auth/refresh')).toEqual(['200', '401', '403', '429']);
    expect(statuses('post', '/api/auth/logout')).toEqual(['204', '403']);
    expect(statuses('post', '/api/auth/logout-all')).toEqual(['204', '401']);
    expect(statuses('get', '/api/auth/github')).toEqual(['302', '400', '404', '429']);
    expect(statuses('delete', '/api/users/me')).toEqual(['204', '401', '404']);
  });

  it('a body over the limit is 413; a route that takes no body ignores one, even a malformed one', async () => {
    const big = await fetch(`${svc.url}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(17 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(ErrorBody.parse(await big.json()).error.code).toBe('REQUEST.INVALID');
    const logout = await fetch(`${svc.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(logout.status).toBe(204);
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

describe('bind addresses', () => {
  it('by default both ports listen on 127.0.0.1 only', async () => {
    const svc = await startTestService(testConfig());
    try {
      expect(svc.address.address).toBe('127.0.0.1');
      expect(new URL(svc.url).hostname).toBe('127.0.0.1');
      expect(new URL(svc.opsUrl).hostname).toBe('127.0.0.1');
    } finally {
      await svc.close();
    }
  });

  it('HOST and OPS_HOST choose the interfaces: nothing answers on another address', async () => {
    // All of 127.0.0.0/8 is loopback on Linux, so a second address needs no setup.
    const svc = await startTestService(testConfig({ HOST: '127.0.0.2', OPS_HOST: '127.0.0.3' }));
    try {
      expect(svc.address).toMatchObject({ address: '127.0.0.2', family: 'IPv4' });
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      const { port } = new URL(svc.url);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(new URL(svc.opsUrl).hostname).toBe('127.0.0.3');
      expect((await fetch(`${svc.opsUrl}/readyz`)).status).toBe(200);
      await expect(fetch(`http://127.0.0.1:${new URL(svc.opsUrl).port}/readyz`)).rejects.toThrow();
    } finally {
      await svc.close();
    }
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

  const minimal = () => ({
    KAFKA_BROKERS: 'a:1, b:2',
    REDIS_URL: 'redis://r:1',
    MONGO_URL: 'mongodb://m:1/db',
    PUBLIC_URL: 'http://localhost:5173/app/',
    JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem,
    JWT_KEY_ID: 'k1',
  });

  it('applies the documented defaults', () => {
    const config = loadConfig(minimal());
    expect(config).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      ops: { port: 9401, host: '127.0.0.1' },
      trustProxy: false,
      allowedOrigins: ['http://localhost:5173'],
      refreshGraceSeconds: 30,
      kafkaBrokers: ['a:1', 'b:2'],
      publicUrl: 'http://localhost:5173/app',
      devSignIn: false,
      cookieSecure: true,
      refreshTtlDays: 30,
      google: undefined,
      github: undefined,
      jwt: { issuer: 'partyline-accounts', audience: 'partyline', accessTtlSeconds: 600 },
    });
  });

  it('reads REDIS_CLUSTER_NODES and the replication of the topics it creates, and refuses a min ISR above the factor', () => {
    const read = (env: Record<string, string>) => loadConfig({ ...minimal(), ...env });
    expect(read({}).redisClusterNodes).toEqual([]);
    expect(read({}).kafkaReplication).toEqual({});
    const cluster = read({
      REDIS_CLUSTER_NODES: 'redis://127.0.0.1:57001, redis://127.0.0.1:57002',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(cluster.redisClusterNodes).toEqual(['redis://127.0.0.1:57001', 'redis://127.0.0.1:57002']);
    expect(cluster.kafkaReplication).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(() => read({ KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(
      /KAFKA_MIN_INSYNC_REPLICAS/,
    );
    expect(() => read({ KAFKA_REPLICATION_FACTOR: '0' })).toThrow(/KAFKA_REPLICATION_FACTOR/);
  });

  it('limits sign-ins to 20 a minute per address unless SIGNIN_LIMIT_* say otherwise; 0 does not start', () => {
    const read = (env: Record<string, string>) => loadConfig({ ...minimal(), ...env });
    expect(read({}).rateLimits.signIn).toEqual({ points: 20, durationSeconds: 60 });
    expect(read({ SIGNIN_LIMIT_POINTS: '600', SIGNIN_LIMIT_WINDOW_SECONDS: '30' }).rateLimits.signIn).toEqual(
      {
        points: 600,
        durationSeconds: 30,
      },
    );
    expect(() => read({ SIGNIN_LIMIT_POINTS: '0' })).toThrow(/SIGNIN_LIMIT_POINTS/);
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and CIDRs, and ALLOWED_ORIGINS as origins', () => {
    const read = (env: Record<string, string>) => loadConfig({ ...minimal(), ...env });
    expect(read({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(read({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(read({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(read({ ALLOWED_ORIGINS: 'http://localhost:5173, http://127.0.0.1:5173/' }).allowedOrigins).toEqual(
      ['http://localhost:5173', 'http://127.0.0.1:5173'],
    );
    for (const [name, value] of [
      ['TRUST_PROXY', 'true'],
      ['TRUST_PROXY', '10.0.0.0/33'],
      ['TRUST_PROXY', 'proxy.local'],
      ['ALLOWED_ORIGINS', 'http://localhost:5173/app'],
      ['ALLOWED_ORIGINS', '*'],
      ['REFRESH_GRACE_SECONDS', '-1'],
      ['OPS_PORT', '70000'],
    ] as const) {
      expect(() => read({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });
});

describe('the process', () => {
  it('stops with exit code 1 and the list of problems when the config is bad', async () => {
    const proc = runMain({ PORT: '0' });
    expect(await proc.exited).toBe(1);
    expect(proc.err()).toContain('MONGO_URL');
  });

  it('on SIGTERM stops accepting on both ports, closes everything and exits 0', async () => {
    const env = processEnv();
    const proc = runMain(env);
    const { url, opsUrl } = await listening(proc);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${opsUrl}/readyz`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain('shutting down');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await expect(fetch(`${opsUrl}/healthz`)).rejects.toThrow();
    await dropDatabase(env['MONGO_URL']!);
  }, 60_000);
});
