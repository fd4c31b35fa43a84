import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from './support/repo.js';
import { run } from './support/run.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: unknown[];
  restart?: string;
}

const HINT = "install Debian's docker-compose (apt-get install docker-compose); it parses without an engine";
// PARTYLINE_PORT etc. are left to their defaults so the result does not depend on the caller's shell.
const cleanEnv = { PARTYLINE_PORT: undefined, POSTGRES_PASSWORD: undefined };

let services: Record<string, ComposeService> = {};

beforeAll(() => {
  const res = run('docker-compose', ['-f', 'docker-compose.yml', 'config'], HINT, cleanEnv);
  expect(res.stderr, 'docker-compose config failed').not.toMatch(/ERROR/);
  expect(res.status).toBe(0);
  services = (parse(res.stdout) as { services: Record<string, ComposeService> }).services;
});

const oneShot = (s: ComposeService) => s.restart === 'no';
const env = (name: string) => services[name]?.environment ?? {};

describe('docker-compose.yml', () => {
  it('passes `docker-compose config -q`', () => {
    const res = run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], HINT, cleanEnv);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('runs the data stores at the versions production uses', () => {
    expect(services.mongo?.image).toMatch(/^mongo:7(\.|$)/);
    expect(services.postgres?.image).toMatch(/^postgres:15(\.|-|$)/);
    expect(services.redis?.image).toMatch(/^redis:7(\.|-|$)/);
    expect(services.kafka?.image).toBe('apache/kafka:3.9.1');
    expect(env('kafka').KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('builds accounts-service, two messages-service replicas and the client from their Dockerfiles', () => {
    const messages = Object.entries(services).filter(
      ([, s]) => s.image === 'partyline/messages-service:local',
    );
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const [, s] of messages)
      expect(s.build).toMatchObject({ dockerfile: 'messages-service/Dockerfile' });
    expect(new Set(messages.map(([, s]) => s.environment?.INSTANCE_ID)).size).toBe(messages.length);
    expect(services['accounts-service']?.build).toMatchObject({ dockerfile: 'accounts-service/Dockerfile' });
    expect(services.client?.build).toMatchObject({ dockerfile: 'client/Dockerfile' });
  });

  it('has a health check on every long-running service', () => {
    for (const [name, s] of Object.entries(services)) {
      if (oneShot(s)) continue;
      expect(s.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
      expect(s.healthcheck?.disable, `${name} disables its healthcheck`).not.toBe(true);
    }
  });

  it('starts a service only after its dependencies are healthy (or, for one-shot steps, done)', () => {
    for (const [name, s] of Object.entries(services)) {
      const deps = s.depends_on ?? {};
      expect(Array.isArray(deps), `${name}: depends_on without conditions`).toBe(false);
      for (const [dep, { condition }] of Object.entries(deps as Record<string, { condition?: string }>)) {
        const expected =
          services[dep] && oneShot(services[dep]) ? 'service_completed_successfully' : 'service_healthy';
        expect(condition, `${name} → ${dep}`).toBe(expected);
      }
    }
  });

  // The object storage is the one other published port: presigned URLs go from the browser straight to it,
  // on an origin of its own (as S3 is in AWS), never through the app's origin.
  it('gives one URL: only the proxy (and the object storage) publish a port, and it waits for every app service', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([n]) => n).sort()).toEqual(['proxy', 'seaweedfs']);
    const proxyDeps = Object.keys(services.proxy?.depends_on ?? {});
    const appServices = Object.entries(services)
      .filter(([, s]) => s.build)
      .map(([n]) => n);
    expect(proxyDeps.sort()).toEqual(appServices.sort());
  });

  it('configures the services per docs/interfaces.md with dev sign-in on', () => {
    const accounts = env('accounts-service');
    for (const key of ['PORT', 'KAFKA_BROKERS', 'REDIS_URL', 'MONGO_URL', 'PUBLIC_URL', 'JWT_KEY_ID']) {
      expect(accounts[key], `accounts-service ${key}`).toBeTruthy();
    }
    expect(accounts.DEV_SIGNIN).toBe('true');
    expect(accounts.PUBLIC_URL).toBe('http://localhost:8080');
    const messages = env('messages-1');
    for (const key of ['PORT', 'KAFKA_BROKERS', 'REDIS_URL', 'POSTGRES_URL', 'JWKS_URL', 'ALLOWED_ORIGINS']) {
      expect(messages[key], `messages-1 ${key}`).toBeTruthy();
    }
    expect(messages.ALLOWED_ORIGINS).toBe(accounts.PUBLIC_URL);
    expect(messages.JWKS_URL).toBe('http://accounts-service:4001/.well-known/jwks.json');
    expect(messages.S3_ENDPOINT).toBe('http://seaweedfs:8333');
    expect(messages.S3_PUBLIC_ENDPOINT).toBe('http://localhost:8333');
    expect(messages.S3_ACCESS_KEY_ID).toBe(env('seaweedfs').AWS_ACCESS_KEY_ID);
    expect(messages.S3_SECRET_ACCESS_KEY).toBe(env('seaweedfs').AWS_SECRET_ACCESS_KEY);
  });

  it('never commits a signing key: it is generated at first start by a one-shot step', () => {
    expect(readRepoFile('docker-compose.yml')).not.toContain('BEGIN PRIVATE KEY');
    expect(env('accounts-service').JWT_PRIVATE_KEY).toBeUndefined();
    expect(services['accounts-service']?.depends_on).toMatchObject({
      'jwt-key': { condition: 'service_completed_successfully' },
    });
  });
});

describe('deploy/haproxy/haproxy.cfg (the compose front door)', () => {
  const cfg = readRepoFile('deploy/haproxy/haproxy.cfg');
  const backend = (name: string) => cfg.split(/^backend /m).find((b) => b.startsWith(`${name}\n`)) ?? '';

  it('routes accounts paths to accounts-service, other /api and /socket.io to messages, the rest to the client', () => {
    expect(cfg).toMatch(/acl to_accounts path_beg \/api\/auth\/ \/api\/users\/ \/\.well-known\//);
    expect(cfg).toMatch(/acl to_messages path_beg \/api\/ \/socket\.io\//);
    // The accounts rule is evaluated first, so /api/auth/* never reaches messages-service.
    expect(cfg.indexOf('use_backend accounts')).toBeLessThan(cfg.indexOf('use_backend messages'));
    expect(cfg).toMatch(/default_backend client/);
  });

  it('pins a browser to one messages replica (socket.io long-polling) and health-checks every backend', () => {
    expect(backend('messages')).toMatch(/cookie \w+ insert/);
    expect(backend('messages').match(/^\s+server .* check cookie/gm)).toHaveLength(2);
    for (const name of ['accounts', 'messages', 'client'])
      expect(backend(name)).toContain('option httpchk GET /healthz');
    expect(cfg).toMatch(/timeout tunnel \d+h/);
  });
});
