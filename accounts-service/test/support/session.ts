// Signs in through the dev route (for tests of everything after sign-in).
import { expect } from 'vitest';

import type { Session } from '@partyline/contracts';

import { Browser } from './browser.js';

export async function devSignIn(url: string, username: string, browser = new Browser()) {
  const reply = await browser.request(`${url}/api/auth/dev`, { method: 'POST', body: { username } });
  expect(reply.status).toBe(200);
  return { browser, session: reply.body as Session, token: (reply.body as Session).accessToken };
}
