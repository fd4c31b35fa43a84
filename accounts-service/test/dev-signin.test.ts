import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccessTokenVerifier, createStaticKeyResolver } from '@partyline/auth';
import type { Jwks } from '@partyline/auth';
import { ErrorBody, Providers, Session } from '@partyline/contracts';

import { Browser, cookieAttributes } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';

describe('dev sign-in', () => {
  let on: TestService;
  let off: TestService;

  beforeAll(async () => {
    [on, off] = await Promise.all([
      startTestService(testConfig({ DEV_SIGNIN: 'true' })),
      startTestService(testConfig()),
    ]);
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
  });

  it('when DEV_SIGNIN is not set, POST /api/auth/dev is 404 AUTH.DEV_SIGNIN_DISABLED and creates nobody', async () => {
    const browser = new Browser();
    const reply = await browser.request(`${off.url}/api/auth/dev`, {
      method: 'POST',
      body: { username: 'alice' },
    });
    expect(reply.status).toBe(404);
    expect(ErrorBody.parse(reply.body).error.code).toBe('AUTH.DEV_SIGNIN_DISABLED');
    expect(browser.cookies.size).toBe(0);
    const providers = await browser.request(`${off.url}/api/auth/providers`);
    expect(Providers.parse(providers.body)).toEqual({ google: false, github: false, dev: false });
  });

  it('when enabled, a new username creates the user and returns a Session with the refresh cookie', async () => {
    const browser = new Browser();
    const reply = await browser.request(`${on.url}/api/auth/dev`, {
      method: 'POST',
      body: { username: 'alice' },
    });
    expect(reply.status).toBe(200);
    const session = Session.parse(reply.body);
    expect(session.user).toMatchObject({
      username: 'alice',
      displayName: 'alice',
      avatarUrl: null,
      memberships: [],
    });
    expect(session.expiresIn).toBe(600);
    const attrs = cookieAttributes(reply, 'pl_refresh');
    expect(attrs).toEqual(expect.arrayContaining(['httponly', 'path=/api/auth', 'samesite=lax']));
    expect(attrs).not.toContain('secure'); // COOKIE_SECURE=false in this plain-http test
    expect(browser.cookies.get('pl_refresh')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signing in again with the same username reuses the same user', async () => {
    const first = Session.parse(
      (await new Browser().request(`${on.url}/api/auth/dev`, { method: 'POST', body: { username: 'bob' } }))
        .body,
    );
    const second = Session.parse(
      (await new Browser().request(`${on.url}/api/auth/dev`, { method: 'POST', body: { username: 'bob' } }))
        .body,
    );
    expect(second.user.id).toBe(first.user.id);
  });

  it('rejects an invalid username or unknown fields with 400 REQUEST.INVALID', async () => {
    for (const body of [
      { username: 'No Spaces' },
      { username: 'ab' },
      { username: 'carol', admin: true },
      {},
    ]) {
      const reply = await new Browser().request(`${on.url}/api/auth/dev`, { method: 'POST', body });
      expect(reply.status).toBe(400);
      expect(ErrorBody.parse(reply.body).error.code).toBe('REQUEST.INVALID');
    }
  });

  it('issues an access token that verifies with the published JWKS and @partyline/auth', async () => {
    const browser = new Browser();
    const session = Session.parse(
      (await browser.request(`${on.url}/api/auth/dev`, { method: 'POST', body: { username: 'dave' } })).body,
    );
    const jwks = (await browser.request(`${on.url}/.well-known/jwks.json`)).body as Jwks;
    const verifier = createAccessTokenVerifier({
      keys: createStaticKeyResolver(jwks),
      issuer: 'partyline-accounts',
      audience: 'partyline',
    });
    const user = await verifier.verify(session.accessToken);
    expect(user).toMatchObject({ id: session.user.id, username: 'dave' });
    expect(jwks.keys[0]).not.toHaveProperty('d'); // public keys only
  });

  it('with COOKIE_SECURE left at its default, the refresh cookie is Secure', async () => {
    const secure = await startTestService(testConfig({ DEV_SIGNIN: 'true', COOKIE_SECURE: 'true' }));
    try {
      const reply = await new Browser().request(`${secure.url}/api/auth/dev`, {
        method: 'POST',
        body: { username: 'erin' },
      });
      expect(cookieAttributes(reply, 'pl_refresh')).toContain('secure');
    } finally {
      await secure.close();
    }
  });
});
