// Refresh, logout and logout-all. Thin: read the cookie or bearer, call the service, present.
import { Router } from 'express';
import type { RequestHandler } from 'express';

import { authUser } from '@partyline/auth';

import type { RefreshCookie } from './refresh-cookie.js';
import type { SessionIssuer } from './session-issuer.js';
import type { SessionService } from './session.service.js';

export interface SessionRoutesDeps {
  issuer: SessionIssuer;
  sessions: SessionService;
  cookie: RefreshCookie;
  requireAuth: RequestHandler;
  refreshLimit: RequestHandler;
}

export function sessionRoutes({
  issuer,
  sessions,
  cookie,
  requireAuth,
  refreshLimit,
}: SessionRoutesDeps): Router {
  const router = Router();

  router.post('/refresh', refreshLimit, async (req, res) => {
    try {
      const { session, refreshToken } = await issuer.refresh(cookie.read(req));
      cookie.set(res, refreshToken);
      res.setHeader('Cache-Control', 'no-store');
      res.json(session);
    } catch (err) {
      cookie.clear(res);
      throw err;
    }
  });

  router.post('/logout', async (req, res) => {
    await sessions.logout(cookie.read(req));
    cookie.clear(res);
    res.status(204).end();
  });

  router.post('/logout-all', requireAuth, async (req, res) => {
    await sessions.logoutAll(authUser(req).id);
    cookie.clear(res);
    res.status(204).end();
  });

  return router;
}
