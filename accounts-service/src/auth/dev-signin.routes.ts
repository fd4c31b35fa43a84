// POST /api/auth/dev { username }: sign in as anyone, for local use. Answers 404 unless DEV_SIGNIN=true.
import { Router } from 'express';
import type { RequestHandler } from 'express';

import { validate } from '@partyline/http';
import { AppError, DevSignInBody } from '@partyline/contracts';

import type { RefreshCookie } from '../sessions/refresh-cookie.js';
import type { SessionIssuer } from '../sessions/session-issuer.js';
import { contextOf } from '../http/request-context.js';
import type { DevSignInService } from './dev-signin.service.js';

export interface DevSignInRoutesDeps {
  enabled: boolean;
  devSignIn: DevSignInService;
  issuer: SessionIssuer;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
}

export function devSignInRoutes(deps: DevSignInRoutesDeps): Router {
  const router = Router();
  const input = validate({ body: DevSignInBody });

  router.post(
    '/dev',
    (_req, _res, next) => {
      next(deps.enabled ? undefined : AppError.notFound('AUTH.DEV_SIGNIN_DISABLED', 'Dev sign-in is off'));
    },
    deps.signInLimit,
    input,
    async (req, res) => {
      const { body } = input.read(res);
      const user = await deps.devSignIn.signIn(body.username, contextOf(req));
      const { session, refreshToken } = await deps.issuer.signIn(user.id);
      deps.cookie.set(res, refreshToken);
      res.setHeader('Cache-Control', 'no-store');
      res.json(session);
    },
  );

  return router;
}
