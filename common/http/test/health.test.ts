import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';

import { healthRoutes, type ReadinessCheck } from '@partyline/http';

import { startApp } from './support/http-app.js';

let app: Awaited<ReturnType<typeof startApp>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(checks: Record<string, ReadinessCheck>, timeoutMs?: number) {
  const routes = express.Router();
  routes.use(healthRoutes(checks, { timeoutMs }));
  app = await startApp(routes);
  return app;
}

const ok: ReadinessCheck = async () => {};

describe('healthRoutes', () => {
  it('when every check passes, then /readyz answers 200 ready with each check ok and /healthz 200', async () => {
    const { request } = await serve({ postgres: ok, redis: ok });

    const healthz = await request('/healthz');
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ status: 'ok' });
    const readyz = await request('/readyz');
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('when a check fails, then /readyz answers 503 naming it down', async () => {
    const { request } = await serve({
      postgres: ok,
      redis: () => Promise.reject(new Error('ECONNREFUSED')),
    });

    const readyz = await request('/readyz');
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'not ready', checks: { postgres: 'ok', redis: 'down' } });
  });

  it('when a check hangs past timeoutMs, then /readyz answers 503 naming it down', async () => {
    const { request } = await serve({ kafka: () => new Promise<void>(() => {}), mongo: ok }, 50);

    const started = Date.now();
    const readyz = await request('/readyz');
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'not ready', checks: { kafka: 'down', mongo: 'ok' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('when the path is neither, then the request passes on (404 from the app)', async () => {
    const { request } = await serve({ postgres: ok });

    expect((await request('/readyz/extra')).status).toBe(404);
    expect((await request('/healthz', { method: 'POST' })).status).toBe(404);
  });
});
