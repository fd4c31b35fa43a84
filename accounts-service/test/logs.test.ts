import { Writable } from 'node:stream';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Session } from '@partyline/contracts';

import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

/** The part of a pino-http line this test reads. */
interface LogLine {
  req?: { method: string; url: string; headers: Record<string, string | undefined> };
  res?: { headers: Record<string, string | undefined> };
}

describe('request logs', () => {
  let svc: TestService;
  const lines: string[] = [];
  const logged = () => lines.map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    // The service's own logger, writing its JSON lines into memory.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }), {
      logger: pino({ level: 'info' }, sink),
    });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('carry no access token, refresh token or cookie, though sign-in, refresh and bearer calls are logged', async () => {
    const { browser, token: firstAccess } = await devSignIn(svc.url, 'logged');
    const firstRefresh = browser.cookies.get('pl_refresh')!;
    const refreshed = await browser.request(`${svc.url}/api/auth/refresh`, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    const secondAccess = Session.parse(refreshed.body).accessToken;
    const secondRefresh = browser.cookies.get('pl_refresh')!;
    expect((await browser.request(`${svc.url}/api/users/me`, { token: secondAccess })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100)); // pino-http logs on 'finish'

    const line = (method: string, url: string) =>
      logged().find((l) => l.req?.method === method && l.req.url === url);
    expect(line('POST', '/api/auth/dev')?.res?.headers['set-cookie']).toBe('[redacted]');
    expect(line('POST', '/api/auth/refresh')?.req?.headers['cookie']).toBe('[redacted]');
    expect(line('POST', '/api/auth/refresh')?.res?.headers['set-cookie']).toBe('[redacted]');
    expect(line('GET', '/api/users/me')?.req?.headers['authorization']).toBe('[redacted]');

    const text = lines.join('\n');
    for (const secret of [firstAccess, secondAccess, firstRefresh, secondRefresh])
      expect(text).not.toContain(secret);
    // Not even a part long enough to matter (the signature of a token, half a refresh token).
    for (const secret of [firstAccess, secondAccess]) expect(text).not.toContain(secret.split('.')[2]!);
    for (const secret of [firstRefresh, secondRefresh]) expect(text).not.toContain(secret.slice(0, 20));
  });
});
