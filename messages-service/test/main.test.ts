// The process entry point: config from the environment, graceful stop on SIGTERM, and a clear refusal to
// start with a bad configuration.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { randomSuffix, stackEnv } from './helpers/env.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function run(env: Record<string, string>) {
  const child = spawn(tsx, ['--tsconfig', '../tsconfig.tests.json', 'src/main.ts'], {
    cwd: serviceDir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('main', () => {
  it('when the configuration is bad, then it exits 1 naming every bad variable', async () => {
    const proc = run({ PORT: 'x', REDIS_URL: stackEnv.redisUrl });
    expect(await proc.exited).toBe(1);
    for (const name of ['PORT', 'KAFKA_BROKERS', 'POSTGRES_URL', 'JWKS_URL', 'ALLOWED_ORIGINS']) {
      expect(proc.output()).toContain(name);
    }
  }, 30_000);

  it('when it gets SIGTERM, then it stops gracefully and exits 0', async () => {
    const suffix = randomSuffix();
    const proc = run({
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'info',
      // Isolation from a running stack, whose topic, group and key names main.ts would otherwise share:
      // no reachable broker (the service serves without one) and a Redis database of its own.
      KAFKA_BROKERS: '127.0.0.1:1',
      REDIS_URL: `${stackEnv.redisUrl}/9`,
      POSTGRES_URL: db.url,
      JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      ALLOWED_ORIGINS: 'http://localhost:5173',
      INSTANCE_ID: `main-test-${suffix}`,
    });
    const deadline = Date.now() + 40_000;
    while (!proc.output().includes('messages-service listening') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Bound to HOST (default 127.0.0.1), the ops endpoints on their own port (OPS_PORT, same default host).
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(proc.output())?.[1];
    const opsUrl = /"opsUrl":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(proc.output())?.[1];
    expect(url).toBeDefined();
    expect(opsUrl).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(`${opsUrl}/metrics`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('messages-service stopped');
  }, 60_000);
});
