// Refresh, logout and logout-all. Thin: read the cookie or bearer, one service call, present.
import type { RequestHandler } from 'express';

import { Session } from '@partyline/contracts';

import { defineRoute, type AccountsRoute } from '../app/route.js';
import type { RefreshCookie } from './refresh-cookie.js';
import type { SessionIssuer } from './session-issuer.js';
import { presentSession } from './sessions.presenter.js';
import type { SessionService } from './sessions.service.js';

interface SessionRoutesDeps {
  issuer: SessionIssuer;
  sessions: SessionService;
  cookie: RefreshCookie;
  refreshLimit: RequestHandler;
  /** The refresh cookie rides along by itself, so these routes also check where the request comes from. */
  sameOrigin: RequestHandler;
}

const tag = 'sessions';
const notFromTheApp = 'The request comes from another origin (AUTH.ORIGIN_NOT_ALLOWED)';

export const sessionRoutes = ({
  issuer,
  sessions,
  cookie,
  refreshLimit,
  sameOrigin,
}: SessionRoutesDeps): AccountsRoute[] => [
  defineRoute({
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Rotate the refresh cookie and issue a new access token',
    tag,
    security: 'refreshCookie',
    before: [sameOrigin, refreshLimit],
    request: {},
    status: 200,
    reply: Session,
    replyDescription: 'A new session; the cookie is rotated',
    errors: {
      401: 'Missing, unknown or expired (AUTH.REFRESH_INVALID), or used twice (AUTH.REFRESH_REUSED)',
      403: notFromTheApp,
      429: 'Too many attempts (RATE_LIMITED)',
    },
    handle: async (_caller, _input, { req, res }) => {
      try {
        const issued = await issuer.refresh(cookie.read(req));
        cookie.set(res, issued.refreshToken);
        res.setHeader('Cache-Control', 'no-store');
        return presentSession(issued);
      } catch (err) {
        // A refused token is useless from now on: make the browser forget it.
        cookie.clear(res);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke this session',
    tag,
    security: 'refreshCookie',
    before: [sameOrigin],
    request: {},
    status: 204,
    replyDescription: 'Signed out; the cookie is cleared',
    errors: { 403: notFromTheApp },
    handle: async (_caller, _input, { req, res }) => {
      await sessions.logout(cookie.read(req));
      cookie.clear(res);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout-all',
    summary: 'Revoke every session of the user',
    tag,
    request: {},
    status: 204,
    handle: async (caller, _input, { res }) => {
      await sessions.logoutAll(caller.userId());
      cookie.clear(res);
    },
  }),
];
