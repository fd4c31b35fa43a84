import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';
import { requireAllowedOrigin } from '@partyline/http';

import { startApp } from './support/http-app.js';

let app: Awaited<ReturnType<typeof startApp>>;
let reached = 0;

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/refresh', requireAllowedOrigin(['http://localhost:5173']), (_req, res) => {
    reached++;
    res.status(204).end();
  });
  app = await startApp(routes);
});
afterAll(() => app.close());

const post = (headers: Record<string, string>) => app.request('/refresh', { method: 'POST', headers });

describe('requireAllowedOrigin', () => {
  it('when the app itself posts, then it passes', async () => {
    expect((await post({ origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' })).status).toBe(
      204,
    );
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['a cross-site fetch without Origin', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site (sibling subdomain) fetch without Origin', { 'sec-fetch-site': 'same-site' }],
  ])(
    'when %s posts, then it is 403 AUTH.ORIGIN_NOT_ALLOWED and the handler never runs',
    async (_who, headers) => {
      const before = reached;
      const res = await post(headers);

      expect(res.status).toBe(403);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('AUTH.ORIGIN_NOT_ALLOWED');
      expect(reached).toBe(before);
    },
  );

  it('when a non-browser client posts with neither header, then it passes (it holds no victim cookie)', async () => {
    expect((await post({})).status).toBe(204);
  });
});
