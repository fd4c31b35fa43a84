import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authUser, requireAuth } from '@partyline/auth';
import { ErrorBody } from '@partyline/contracts';

import { startApp } from '../../http/test/support/http-app.js';
import { USER_ID, goodToken, makeKeys, signWith, standardClaims } from './support/tokens.js';

const keys = makeKeys();
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  const routes = express.Router();
  routes.get('/me', requireAuth(keys.verifier), (req, res) => {
    res.json(authUser(req));
  });
  app = await startApp(routes);
});
afterAll(() => app.close());

const get = (authorization?: string) =>
  app.request('/me', authorization === undefined ? {} : { headers: { authorization } });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = ErrorBody.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.correlationId).toBe(response.headers.get('x-correlation-id'));
  return body;
}

describe('requireAuth', () => {
  it('when a valid bearer token is sent, then the handler sees req.user', async () => {
    const response = await get(`Bearer ${goodToken(keys.signer, 'ada')}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: USER_ID,
      username: 'ada',
      expiresAt: expect.any(Number),
    });
  });

  it('when no Authorization header is sent, then 401 AUTH.REQUIRED', async () => {
    const body = await expectError(await get(), 401, 'AUTH.REQUIRED');

    expect(body.error.message).toMatch(/Bearer/);
  });

  it('when the header is not a Bearer token, then 401 AUTH.TOKEN_INVALID', async () => {
    await expectError(await get('Basic YWRhOnNlY3JldA=='), 401, 'AUTH.TOKEN_INVALID');
  });

  it('when the token has expired, then 401 AUTH.TOKEN_EXPIRED', async () => {
    const expired = signWith(
      keys.privateKeyPem,
      standardClaims({ exp: Math.floor(Date.now() / 1000) - 60 }),
      {
        kid: keys.kid,
        typ: 'at+jwt',
      },
    );

    await expectError(await get(`Bearer ${expired}`), 401, 'AUTH.TOKEN_EXPIRED');
  });

  it('when the token comes from another signer, then 401 and the handler never runs', async () => {
    const stranger = makeKeys();

    await expectError(await get(`Bearer ${goodToken(stranger.signer)}`), 401, 'AUTH.UNKNOWN_KEY');
  });

  it('when a request is rejected, then nothing is logged as an error', () => {
    expect(app.logged.filter((line) => line.level === 'error')).toEqual([]);
  });
});
