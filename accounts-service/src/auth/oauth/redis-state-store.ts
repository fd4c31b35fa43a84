// The OAuth `state` + PKCE store. The state is a random handle; the PKCE verifier and returnTo live in
// Redis under it for 10 minutes and are deleted on first use (GETDEL), so a state can never be replayed,
// and the verifier never leaves the server. The handle is also put in a short-lived httpOnly cookie and
// must come back from the same browser, so an attacker cannot finish a flow in a victim's browser with a
// state of their own (login CSRF). Redis rather than a signed cookie because only a server-side store can
// make a state single-use across every instance.
import { randomBytes, timingSafeEqual } from 'node:crypto';

import type { CookieOptions, Request } from 'express';

import type { RedisClient } from '../../app/redis.js';
import type { PkceStateStore } from './passport-lib.js';

const STATE_COOKIE = 'pl_oauth_state';
const TTL_SECONDS = 600;

interface StoredState {
  provider: string;
  verifier: string;
  returnTo: string;
}

interface StateStoreOptions {
  redis: RedisClient;
  keyPrefix: string;
  provider: string;
  cookieSecure: boolean;
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createRedisStateStore({
  redis,
  keyPrefix,
  provider,
  cookieSecure,
}: StateStoreOptions): PkceStateStore {
  const cookie: CookieOptions = { httpOnly: true, secure: cookieSecure, sameSite: 'lax', path: '/api/auth' };
  const key = (handle: string) => `${keyPrefix}oauth-state:${handle}`;

  return {
    store(req, verifier, state, _meta, cb) {
      const handle = randomBytes(32).toString('base64url');
      const returnTo = (state as { returnTo?: string } | undefined)?.returnTo ?? '/';
      const value: StoredState = { provider, verifier, returnTo };
      redis.set(key(handle), JSON.stringify(value), { EX: TTL_SECONDS }).then(() => {
        req.res?.cookie(STATE_COOKIE, handle, { ...cookie, maxAge: TTL_SECONDS * 1000 });
        cb(null, handle);
      }, cb);
    },

    verify(req: Request, providedState, _meta, cb) {
      const fromCookie = (req.cookies as Record<string, unknown> | undefined)?.[STATE_COOKIE];
      req.res?.clearCookie(STATE_COOKIE, cookie);
      if (
        typeof providedState !== 'string' ||
        typeof fromCookie !== 'string' ||
        !sameText(providedState, fromCookie)
      ) {
        cb(null, false, { message: 'state missing or not from this browser' });
        return;
      }
      redis.getDel(key(providedState)).then((raw) => {
        const stored = raw ? (JSON.parse(raw) as StoredState) : null;
        if (!stored || stored.provider !== provider) {
          cb(null, false, { message: 'state unknown, expired or already used' });
          return;
        }
        cb(null, stored.verifier, { returnTo: stored.returnTo });
      }, cb);
    },
  };
}
