import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '@partyline/contracts';

import { Browser } from './support/browser.js';
import { startMockGitHub, startMockGoogle } from './support/mock-providers.js';
import { PUBLIC_URL, beginSignIn, signInWith } from './support/oauth-flow.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';

const codeOf = (body: unknown) => ErrorBody.parse(body).error.code;

describe('OAuth sign-in through the real passport strategies', () => {
  let google: Awaited<ReturnType<typeof startMockGoogle>>;
  let github: Awaited<ReturnType<typeof startMockGitHub>>;
  let svc: TestService;

  beforeAll(async () => {
    [google, github] = await Promise.all([startMockGoogle(), startMockGitHub()]);
    svc = await startTestService(
      testConfig(
        { PUBLIC_URL, ...google.env, ...github.env },
        {
          rateLimits: {
            signIn: { points: 1000, durationSeconds: 60 },
            refresh: { points: 1000, durationSeconds: 60 },
          },
        },
      ),
    );
  });
  afterAll(async () => {
    await svc?.close();
    await Promise.all([google?.stop(), github?.stop()]);
  });

  it('GitHub: sends state and an S256 PKCE challenge, and the token request carries the verifier', async () => {
    github.setUser({ id: 101, login: 'Octo-Cat', name: 'Octo Cat' }, [
      { email: 'octo@example.com', primary: true, verified: true },
    ]);
    const before = github.tokenRequests.length;
    const flow = await signInWith(svc.url, 'github');
    const params = flow.authorizeUrl.searchParams;
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/github/callback`);
    expect(params.get('scope')).toContain('user:email');
    const tokenRequest = github.tokenRequests[before];
    expect(tokenRequest?.['code_verifier']).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('GitHub: a first sign-in creates the user from the profile and lands on returnTo', async () => {
    github.setUser(
      { id: 202, login: 'Mona-Lisa', name: 'Mona Lisa', avatar_url: 'https://avatars.example.com/m' },
      [{ email: 'mona@example.com', primary: true, verified: true }],
    );
    const { callback, session } = await signInWith(svc.url, 'github', '/invite/abc123?x=1');
    expect(callback.location).toBe(`${PUBLIC_URL}/invite/abc123?x=1`);
    expect(session.user).toMatchObject({
      username: 'mona_lisa',
      displayName: 'Mona Lisa',
      avatarUrl: 'https://avatars.example.com/m',
    });
  });

  it('GitHub: signing in again finds the same user by the provider id, even after a login rename', async () => {
    github.setUser({ id: 303, login: 'first-name' }, [
      { email: 'x303@example.com', primary: true, verified: true },
    ]);
    const first = await signInWith(svc.url, 'github');
    github.setUser({ id: 303, login: 'renamed' }, [
      { email: 'x303@example.com', primary: true, verified: true },
    ]);
    const second = await signInWith(svc.url, 'github');
    expect(second.session.user.id).toBe(first.session.user.id);
    expect(first.callback.location).toBe(`${PUBLIC_URL}/`);
  });

  it('Google: a first sign-in creates the user; a verified email then links a GitHub sign-in to it', async () => {
    google.setUserinfo({
      sub: 'g-404',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      email: 'ada@example.com',
      email_verified: true,
      picture: 'https://photos.example.com/ada',
    });
    const viaGoogle = await signInWith(svc.url, 'google', '/parties');
    expect(viaGoogle.callback.location).toBe(`${PUBLIC_URL}/parties`);
    expect(viaGoogle.session.user).toMatchObject({ username: 'ada', displayName: 'Ada Lovelace' });

    github.setUser({ id: 404, login: 'ada-gh' }, [
      { email: 'other@example.com', primary: false, verified: true },
      { email: 'ADA@example.com', primary: true, verified: true },
    ]);
    const viaGitHub = await signInWith(svc.url, 'github');
    expect(viaGitHub.session.user.id).toBe(viaGoogle.session.user.id);
  });

  it('Google: an unverified email never links to the account that owns that address', async () => {
    github.setUser({ id: 505, login: 'owner505' }, [
      { email: 'owner505@example.com', primary: true, verified: true },
    ]);
    const owner = await signInWith(svc.url, 'github');
    google.setUserinfo({
      sub: 'g-505',
      name: 'Impostor',
      email: 'owner505@example.com',
      email_verified: false,
    });
    const impostor = await signInWith(svc.url, 'google');
    expect(impostor.session.user.id).not.toBe(owner.session.user.id);
  });

  it('GitHub: an unverified or non-primary email never links to another account', async () => {
    google.setUserinfo({ sub: 'g-606', name: 'Grace', email: 'grace606@example.com', email_verified: true });
    const owner = await signInWith(svc.url, 'google');
    github.setUser({ id: 606, login: 'not-grace' }, [
      { email: 'grace606@example.com', primary: true, verified: false },
    ]);
    const unverified = await signInWith(svc.url, 'github');
    expect(unverified.session.user.id).not.toBe(owner.session.user.id);
    github.setUser({ id: 607, login: 'also-not-grace' }, [
      { email: 'mine607@example.com', primary: true, verified: true },
      { email: 'grace606@example.com', primary: false, verified: true },
    ]);
    const secondary = await signInWith(svc.url, 'github');
    expect(secondary.session.user.id).not.toBe(owner.session.user.id);
  });

  describe('a bad state is refused before the code is exchanged, and no session is created', () => {
    const expectRefused = async (
      reply: Awaited<ReturnType<Browser['request']>>,
      tokenRequestsBefore: number,
    ) => {
      expect(reply.status).toBe(400);
      expect(codeOf(reply.body)).toBe('AUTH.STATE_INVALID');
      expect(reply.setCookies.some((c) => c.startsWith('pl_refresh='))).toBe(false);
      expect(github.tokenRequests.length).toBe(tokenRequestsBefore);
    };

    it('when the state is missing', async () => {
      github.setUser({ id: 701, login: 'u701' }, [
        { email: 'u701@example.com', primary: true, verified: true },
      ]);
      const flow = await beginSignIn(svc.url, 'github');
      const url = new URL(flow.callbackUrl);
      url.searchParams.delete('state');
      const before = github.tokenRequests.length;
      await expectRefused(await flow.browser.request(url.toString()), before);
    });

    it('when the state is forged', async () => {
      const flow = await beginSignIn(svc.url, 'github');
      const url = new URL(flow.callbackUrl);
      url.searchParams.set('state', 'A'.repeat(43));
      const before = github.tokenRequests.length;
      await expectRefused(await flow.browser.request(url.toString()), before);
    });

    it('when the state is replayed after a completed sign-in', async () => {
      const flow = await beginSignIn(svc.url, 'github');
      const stateCookie = flow.browser.cookies.get('pl_oauth_state')!;
      expect((await flow.browser.request(flow.callbackUrl)).status).toBe(302);
      const replayer = new Browser();
      replayer.cookies.set('pl_oauth_state', stateCookie);
      const before = github.tokenRequests.length;
      await expectRefused(await replayer.request(flow.callbackUrl), before);
    });

    it('when the state was started in another browser (login CSRF)', async () => {
      const attacker = await beginSignIn(svc.url, 'github');
      const victim = new Browser();
      const before = github.tokenRequests.length;
      await expectRefused(await victim.request(attacker.callbackUrl), before);
    });
  });

  it.each([
    '//evil.example.com/x',
    'https://evil.example.com',
    '/\\evil.example.com',
    'relative/path',
    '/ok\nbad',
  ])('rejects returnTo %j with 400 REQUEST.INVALID before redirecting anywhere', async (returnTo) => {
    const reply = await new Browser().request(
      `${svc.url}/api/auth/github?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(reply.status).toBe(400);
    expect(codeOf(reply.body)).toBe('REQUEST.INVALID');
    expect(reply.location).toBeNull();
  });

  it('when the provider refuses the code exchange, the callback is 502 AUTH.PROVIDER_FAILED with no session', async () => {
    const flow = await beginSignIn(svc.url, 'google');
    google.failNextTokenRequest();
    const reply = await flow.browser.request(flow.callbackUrl);
    expect(reply.status).toBe(502);
    expect(codeOf(reply.body)).toBe('AUTH.PROVIDER_FAILED');
    expect(reply.setCookies.some((c) => c.startsWith('pl_refresh='))).toBe(false);
  });

  it('when the user denies access at the provider, the callback is 401 AUTH.PROVIDER_FAILED', async () => {
    const reply = await new Browser().request(
      `${svc.url}/api/auth/github/callback?error=access_denied&state=x`,
    );
    expect(reply.status).toBe(401);
    expect(codeOf(reply.body)).toBe('AUTH.PROVIDER_FAILED');
  });

  it('the providers route reports both providers on', async () => {
    const reply = await new Browser().request(`${svc.url}/api/auth/providers`);
    expect(reply.body).toEqual({ google: true, github: true, dev: false });
  });
});

describe('OAuth when a provider is not configured', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(testConfig());
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('its routes answer 404 AUTH.PROVIDER_DISABLED', async () => {
    for (const path of ['/api/auth/google', '/api/auth/github/callback?code=x&state=y']) {
      const reply = await new Browser().request(`${svc.url}${path}`);
      expect(reply.status).toBe(404);
      expect(codeOf(reply.body)).toBe('AUTH.PROVIDER_DISABLED');
    }
  });
});

describe('OAuth rate limits', () => {
  let github: Awaited<ReturnType<typeof startMockGitHub>>;
  let svc: TestService;
  beforeAll(async () => {
    github = await startMockGitHub();
    svc = await startTestService(
      testConfig(
        { PUBLIC_URL, ...github.env },
        {
          rateLimits: {
            signIn: { points: 2, durationSeconds: 60 },
            refresh: { points: 10, durationSeconds: 60 },
          },
        },
      ),
    );
  });
  afterAll(async () => {
    await svc?.close();
    await github?.stop();
  });

  it('starting and finishing sign-ins share the limit: the third attempt is 429 RATE_LIMITED with Retry-After', async () => {
    github.setUser({ id: 901, login: 'limited' }, [
      { email: 'limited@example.com', primary: true, verified: true },
    ]);
    const flow = await beginSignIn(svc.url, 'github'); // 1: start
    expect((await flow.browser.request(flow.callbackUrl)).status).toBe(302); // 2: callback
    const third = await new Browser().request(`${svc.url}/api/auth/github`);
    expect(third.status).toBe(429);
    expect(codeOf(third.body)).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.location).toBeNull();
  });
});
