import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody, Session } from '@partyline/contracts';

import { newRefreshToken } from '../src/sessions/refresh-token.js';
import { Browser } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';
import { openSessionsStore } from './support/sessions-store.js';

const codeOf = (body: unknown) => ErrorBody.parse(body).error.code;
/** Another browser (tab, device, thief) holding this refresh token. */
const tabWith = (token: string) => {
  const tab = new Browser();
  tab.cookies.set('pl_refresh', token);
  return tab;
};

describe('refresh sessions', () => {
  let svc: TestService;
  let store: Awaited<ReturnType<typeof openSessionsStore>>;
  const refresh = (browser: Browser) => browser.request(`${svc.url}/api/auth/refresh`, { method: 'POST' });

  beforeAll(async () => {
    svc = await startTestService(
      testConfig(
        { DEV_SIGNIN: 'true' },
        {
          rateLimits: {
            signIn: { points: 100, durationSeconds: 60 },
            refresh: { points: 100, durationSeconds: 60 },
          },
        },
      ),
    );
    store = await openSessionsStore(svc.config.mongoUrl);
  });
  afterAll(async () => {
    await store?.close();
    await svc?.close();
  });

  it('a refresh returns a new access token and rotates the cookie', async () => {
    const { browser, session } = await devSignIn(svc.url, 'rotor');
    const before = browser.cookies.get('pl_refresh');
    const reply = await refresh(browser);
    expect(reply.status).toBe(200);
    const next = Session.parse(reply.body);
    expect(next.user.id).toBe(session.user.id);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect(browser.cookies.get('pl_refresh')).toBeDefined();
    expect(browser.cookies.get('pl_refresh')).not.toBe(before);
  });

  it('concurrent refreshes of one token within the grace window all get the same successor, and it works', async () => {
    const { browser } = await devSignIn(svc.url, 'racer');
    const token = browser.cookies.get('pl_refresh')!;
    const family = await store.familyOf(token);
    const tabs = Array.from({ length: 6 }, () => tabWith(token));
    const replies = await Promise.all(tabs.map(refresh));
    expect(replies.map((r) => r.status)).toEqual(tabs.map(() => 200));
    const successors = new Set(tabs.map((tab) => tab.cookies.get('pl_refresh')));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(successor).not.toBe(token);
    expect(await store.familyOf(successor!)).toBe(family);

    // Each tab's token works, one after the other (the later ones are retries of a just-rotated token).
    for (const tab of tabs) expect((await refresh(tab)).status).toBe(200);
    expect(await store.revokedIn([family!])).toBe(0);

    // The first token is now two rotations behind: not a retry but a replay, even inside the window.
    const replay = await refresh(tabWith(token));
    expect(codeOf(replay.body)).toBe('AUTH.REFRESH_REUSED');
    expect((await refresh(tabs[0]!)).status).toBe(401);
  });

  it('when a rotation was stored but its reply was lost, a retry of the old token gets a working successor', async () => {
    const { browser } = await devSignIn(svc.url, 'unlucky');
    const token = browser.cookies.get('pl_refresh')!;
    const lost = tabWith(token);
    expect((await refresh(lost)).status).toBe(200); // the server rotated; the browser never saw the reply

    const retry = await refresh(browser);
    expect(retry.status).toBe(200);
    expect(Session.parse(retry.body).user.username).toBe('unlucky');
    expect(browser.cookies.get('pl_refresh')).toBe(lost.cookies.get('pl_refresh'));
    expect((await refresh(browser)).status).toBe(200);
    expect(await store.revokedIn([(await store.familyOf(token))!])).toBe(0);
  });

  it('a session stored before derived successors rotates (retries included); one the old scheme rotated is reuse', async () => {
    const { session } = await devSignIn(svc.url, 'oldtimer');
    const legacy = newRefreshToken();
    const family = await store.insertLegacy(legacy, { userId: session.user.id, rotatedAt: null });
    const tabs = [0, 1, 2].map(() => tabWith(legacy));
    expect((await Promise.all(tabs.map(refresh))).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(tabs.map((t) => t.cookies.get('pl_refresh'))).size).toBe(1);
    expect((await refresh(tabs[0]!)).status).toBe(200);
    expect(await store.revokedIn([family])).toBe(0);

    const rotated = newRefreshToken();
    const oldFamily = await store.insertLegacy(rotated, { userId: session.user.id, rotatedAt: new Date() });
    expect(codeOf((await refresh(tabWith(rotated))).body)).toBe('AUTH.REFRESH_REUSED');
    expect(await store.revokedIn([oldFamily])).toBe(1);
  });

  it('a refresh or logout from another origin is 403 AUTH.ORIGIN_NOT_ALLOWED and the session lives on', async () => {
    const { browser } = await devSignIn(svc.url, 'careful');
    const token = browser.cookies.get('pl_refresh');
    const post = (path: string, headers: Record<string, string>) =>
      browser.request(`${svc.url}/api/auth/${path}`, { method: 'POST', headers });
    for (const [path, headers] of [
      ['refresh', { origin: 'https://evil.example' }],
      ['refresh', { origin: 'null' }],
      ['refresh', { 'sec-fetch-site': 'cross-site' }],
      ['logout', { origin: 'https://evil.example' }],
      ['logout', { origin: 'http://localhost:5174' }],
    ] as const) {
      const reply = await post(path, headers);
      expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(codeOf(reply.body)).toBe('AUTH.ORIGIN_NOT_ALLOWED');
      expect(reply.setCookies).toEqual([]);
    }
    expect(browser.cookies.get('pl_refresh')).toBe(token);

    // The app's own origin (PUBLIC_URL's) passes, as does a same-origin fetch without Origin.
    const own = await post('refresh', { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect((await post('logout', { origin: 'http://localhost:5173' })).status).toBe(204);
  });

  it('without a cookie, or with a made-up one, refresh is 401 AUTH.REFRESH_INVALID', async () => {
    const none = await refresh(new Browser());
    expect(none.status).toBe(401);
    expect(codeOf(none.body)).toBe('AUTH.REFRESH_INVALID');
    const forged = new Browser();
    forged.cookies.set('pl_refresh', 'A'.repeat(43));
    expect(codeOf((await refresh(forged)).body)).toBe('AUTH.REFRESH_INVALID');
  });

  it('logout ends this session and clears the cookie; other sessions live on', async () => {
    const a = await devSignIn(svc.url, 'leaver');
    const b = await devSignIn(svc.url, 'leaver');
    const kept = a.browser.cookies.get('pl_refresh')!;
    const reply = await a.browser.request(`${svc.url}/api/auth/logout`, { method: 'POST' });
    expect(reply.status).toBe(204);
    expect(a.browser.cookies.has('pl_refresh')).toBe(false);
    const again = new Browser();
    again.cookies.set('pl_refresh', kept);
    expect((await refresh(again)).status).toBe(401);
    expect((await refresh(b.browser)).status).toBe(200);
  });

  it('logout-all ends every session of the user', async () => {
    const a = await devSignIn(svc.url, 'everywhere');
    const b = await devSignIn(svc.url, 'everywhere');
    const other = await devSignIn(svc.url, 'bystander');
    const unauthenticated = await new Browser().request(`${svc.url}/api/auth/logout-all`, { method: 'POST' });
    expect(unauthenticated.status).toBe(401);
    const reply = await a.browser.request(`${svc.url}/api/auth/logout-all`, {
      method: 'POST',
      token: a.token,
    });
    expect(reply.status).toBe(204);
    expect((await refresh(a.browser)).status).toBe(401);
    expect((await refresh(b.browser)).status).toBe(401);
    expect((await refresh(other.browser)).status).toBe(200);
  });
});

describe('refresh reuse after the grace window', () => {
  let svc: TestService;
  const refresh = (browser: Browser) => browser.request(`${svc.url}/api/auth/refresh`, { method: 'POST' });

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true', REFRESH_GRACE_SECONDS: '1' }));
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('replaying a rotated token after the window is refused and revokes the whole family, the newest token included', async () => {
    const { browser } = await devSignIn(svc.url, 'victim');
    const stolen = tabWith(browser.cookies.get('pl_refresh')!);
    expect((await refresh(browser)).status).toBe(200); // the owner rotates
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    const replay = await refresh(stolen); // the thief replays the old token
    expect(replay.status).toBe(401);
    expect(codeOf(replay.body)).toBe('AUTH.REFRESH_REUSED');
    const owner = await refresh(browser); // the owner's newest token died with the family
    expect(owner.status).toBe(401);
    expect(codeOf(owner.body)).toBe('AUTH.REFRESH_INVALID');
  });

  it('with REFRESH_GRACE_SECONDS=0 the loser of two concurrent refreshes ends the family (the old behaviour)', async () => {
    const zero = await startTestService(testConfig({ DEV_SIGNIN: 'true', REFRESH_GRACE_SECONDS: '0' }));
    try {
      const { browser } = await devSignIn(zero.url, 'strict');
      const tabs = [0, 1].map(() => tabWith(browser.cookies.get('pl_refresh')!));
      const replies = await Promise.all(
        tabs.map((tab) => tab.request(`${zero.url}/api/auth/refresh`, { method: 'POST' })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(replies.map((r) => (r.status === 401 ? codeOf(r.body) : 'ok'))).toContain('AUTH.REFRESH_REUSED');
    } finally {
      await zero.close();
    }
  });
});

describe('sign-in and refresh rate limits', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(
      testConfig(
        { DEV_SIGNIN: 'true' },
        {
          rateLimits: {
            signIn: { points: 2, durationSeconds: 60 },
            refresh: { points: 2, durationSeconds: 60 },
          },
        },
      ),
    );
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('the third dev sign-in in a minute is 429 RATE_LIMITED with Retry-After, and creates nobody', async () => {
    await devSignIn(svc.url, 'first');
    await devSignIn(svc.url, 'second');
    const third = await new Browser().request(`${svc.url}/api/auth/dev`, {
      method: 'POST',
      body: { username: 'third' },
    });
    expect(third.status).toBe(429);
    expect(codeOf(third.body)).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('with TRUST_PROXY unset, a made-up X-Forwarded-For per request does not buy a new sign-in budget', async () => {
    const signIn = (username: string, headers: Record<string, string> = {}) =>
      new Browser().request(`${svc.url}/api/auth/dev`, { method: 'POST', body: { username }, headers });
    while ((await signIn('spender')).status !== 429); // spend whatever the other test left
    const dodges = await Promise.all(
      [1, 2, 3, 4].map((i) => signIn(`dodger${i}`, { 'x-forwarded-for': `198.51.100.${i}` })),
    );
    expect(dodges.map((r) => r.status)).toEqual([429, 429, 429, 429]);
  });

  it('the third refresh in a minute is 429 RATE_LIMITED', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await new Browser().request(`${svc.url}/api/auth/refresh`, { method: 'POST' })).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});

describe('rate limits behind one trusted proxy (TRUST_PROXY=1)', () => {
  let svc: TestService;
  // What the proxy does: it appends the address it saw to whatever X-Forwarded-For the client sent.
  const viaProxy = (client: string, username: string, clientSent?: string) =>
    new Browser().request(`${svc.url}/api/auth/dev`, {
      method: 'POST',
      body: { username },
      headers: { 'x-forwarded-for': clientSent ? `${clientSent}, ${client}` : client },
    });

  beforeAll(async () => {
    svc = await startTestService(
      testConfig(
        { DEV_SIGNIN: 'true', TRUST_PROXY: '1' },
        {
          rateLimits: {
            signIn: { points: 2, durationSeconds: 60 },
            refresh: { points: 2, durationSeconds: 60 },
          },
        },
      ),
    );
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('the rightmost hop is the client: a made-up hop to its left does not reset the budget', async () => {
    const statuses = [];
    for (const name of ['proxied1', 'proxied2', 'proxied3'])
      statuses.push((await viaProxy('203.0.113.7', name)).status);
    expect(statuses).toEqual([200, 200, 429]);
    for (const spoof of ['198.51.100.1', '198.51.100.2', '10.0.0.1, 198.51.100.3'])
      expect((await viaProxy('203.0.113.7', 'proxied4', spoof)).status, spoof).toBe(429);

    // Another client behind the same proxy has a budget of its own.
    expect((await viaProxy('203.0.113.8', 'neighbour')).status).toBe(200);
  });
});
