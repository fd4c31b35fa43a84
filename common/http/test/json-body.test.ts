import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';
import { jsonBody } from '@partyline/http';

import { startApp } from './support/http-app.js';

let app: Awaited<ReturnType<typeof startApp>>;
const received: unknown[] = [];

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/echo', (req, res) => {
    received.push(req.body);
    res.json(req.body);
  });
  app = await startApp(routes, jsonBody({ limit: '1kb' }));
});
afterAll(() => app.close());

const post = (bytes: Buffer) =>
  app.request('/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new Uint8Array(bytes),
  });

describe('jsonBody', () => {
  it('when the body is valid UTF-8, then it is parsed exactly as sent', async () => {
    const res = await post(Buffer.from(JSON.stringify({ name: 'Zoë 🎉' }), 'utf8'));

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Zoë 🎉' });
  });

  it('when the body holds bytes that are not UTF-8, then it is 400 REQUEST.INVALID and reaches no handler', async () => {
    const before = received.length;
    // {"name":"a<0xFF>b"}: 0xFF never occurs in UTF-8; express.json() alone would turn it into U+FFFD.
    const bytes = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);

    const res = await post(bytes);

    expect(res.status).toBe(400);
    const body = ErrorBody.parse(await res.json());
    expect(body.error.code).toBe('REQUEST.INVALID');
    expect(body.error.message).toMatch(/UTF-8/);
    expect(received.length).toBe(before);
  });

  it('when the body is an overlong UTF-8 encoding, then it is refused too', async () => {
    // 0xC0 0xAF is an overlong "/" that decoders must reject.
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);

    const res = await post(bytes);

    expect(res.status).toBe(400);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('REQUEST.INVALID');
  });
});
