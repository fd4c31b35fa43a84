// Secrets in logs (issue 12.9): the request log of an authenticated request names the request, but never
// carries its access token (an access token in a log line is a session for whoever reads the logs).
import { Writable } from 'node:stream';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService } from '../helpers/service.js';

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

let t: TestService;
beforeAll(async () => {
  t = await startTestService({ logger: pino({ level: 'info' }, memory) });
});
afterAll(async () => {
  await t?.close();
});

describe('the request log', () => {
  it('when a signed-in user makes a request, then its log line has the request but not the bearer token', async () => {
    const user = t.user();
    const reply = await fetch(`${t.service.url}/api/parties`, {
      headers: { authorization: `Bearer ${user.token}`, cookie: 'session=secret-cookie-value' },
    });
    expect(reply.status).toBe(200);
    const correlationId = reply.headers.get('x-correlation-id');

    const line = lines.find((l) => l.includes('"url":"/api/parties"') && l.includes(String(correlationId)));
    expect(line, 'a request log line for GET /api/parties').toBeDefined();
    const entry = JSON.parse(line ?? '{}') as { req: { headers: Record<string, string> }; res: unknown };
    expect(entry.req.headers['authorization']).toBe('[redacted]');
    expect(entry.req.headers['cookie']).toBe('[redacted]');
    for (const logged of lines) {
      expect(logged).not.toContain(user.token);
      expect(logged).not.toContain('secret-cookie-value');
      expect(logged).not.toMatch(/Bearer\s+ey/);
    }
  });
});
