import { Writable } from 'node:stream';

import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { correlationId, requestLogger } from '@partyline/http';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let server: ReturnType<express.Express['listen']>;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(correlationId());
  app.use(requestLogger(pino({ level: 'info' }, sink)));
  app.get('/api/thing', (_req, res) => {
    res.cookie('refresh', 'rt-secret-value', { httpOnly: true }).json({ ok: true });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';

describe('requestLogger', () => {
  it('when a request carries a bearer token and a cookie, then its log line has neither, nor the Set-Cookie', async () => {
    await fetch(`${url}/api/thing`, {
      headers: {
        authorization: `Bearer ${TOKEN}`,
        cookie: 'refresh=old-secret',
        'x-correlation-id': 'corr-12345678',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const line = lines.find((l) => l.includes('corr-12345678'));
    expect(line).toBeDefined();
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('old-secret');
    expect(line).not.toContain('rt-secret-value');
    const entry = JSON.parse(line!) as {
      correlationId: string;
      req: { headers: Record<string, string> };
      res: { headers: Record<string, string> };
    };
    expect(entry.correlationId).toBe('corr-12345678');
    expect(entry.req.headers['authorization']).toBe('[redacted]');
    expect(entry.req.headers['cookie']).toBe('[redacted]');
    expect(entry.res.headers['set-cookie']).toBe('[redacted]');
  });

  it('when the health route is called, then nothing is logged', async () => {
    const before = lines.length;
    await fetch(`${url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(lines.length).toBe(before);
  });
});
