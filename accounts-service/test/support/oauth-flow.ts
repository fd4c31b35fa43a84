// Walks an OAuth sign-in hop by hop like a browser: our start route, the provider's authorize endpoint,
// our callback (reached through PUBLIC_URL, i.e. the dev proxy, so the origin is swapped for the service's).
import { expect } from 'vitest';

import { Session } from '@partyline/contracts';

import { Browser } from './browser.js';
import type { Reply } from './browser.js';

export const PUBLIC_URL = 'http://localhost:5173';

/** PUBLIC_URL + path → the service's own URL (what the proxy in front of it does). */
export const throughProxy = (serviceUrl: string, location: string) => {
  const url = new URL(location);
  expect(url.origin).toBe(PUBLIC_URL);
  return `${serviceUrl}${url.pathname}${url.search}`;
};

export interface StartedFlow {
  browser: Browser;
  start: Reply;
  authorizeUrl: URL;
  /** The provider's redirect back to us, as the browser would follow it. */
  callbackUrl: string;
}

/** Our start route, then the provider's authorize endpoint; stops before our callback. */
export async function beginSignIn(
  serviceUrl: string,
  provider: 'google' | 'github',
  returnTo?: string,
  browser = new Browser(),
): Promise<StartedFlow> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const start = await browser.request(`${serviceUrl}/api/auth/${provider}${query}`);
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.location!);
  const authorize = await browser.request(authorizeUrl.toString());
  expect(authorize.status).toBe(302);
  return { browser, start, authorizeUrl, callbackUrl: throughProxy(serviceUrl, authorize.location!) };
}

/** A whole sign-in; returns where it landed and the session the refresh cookie gives. */
export async function signInWith(serviceUrl: string, provider: 'google' | 'github', returnTo?: string) {
  const flow = await beginSignIn(serviceUrl, provider, returnTo);
  const callback = await flow.browser.request(flow.callbackUrl);
  expect(callback.status).toBe(302);
  const refresh = await flow.browser.request(`${serviceUrl}/api/auth/refresh`, { method: 'POST' });
  expect(refresh.status).toBe(200);
  return { ...flow, callback, session: Session.parse(refresh.body) };
}
