// POST /api/auth/dev { username }: sign in as anyone, for local use. Answers 404 unless DEV_SIGNIN=true.
import type { RequestHandler } from 'express';

import { AppError, DevSignInBody, Session } from '@partyline/contracts';

import { defineRoute, type AccountsRoute } from '../app/route.js';
import type { RefreshCookie } from '../sessions/refresh-cookie.js';
import { presentSession } from '../sessions/sessions.presenter.js';
import type { DevSignInService } from './dev-signin.service.js';

interface DevSignInRoutesDeps {
  enabled: boolean;
  devSignIn: DevSignInService;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
}

export function devSignInRoutes(deps: DevSignInRoutesDeps): AccountsRoute[] {
  // First, so that a switched-off dev sign-in answers the same to any input and spends no rate limit.
  const whenEnabled: RequestHandler = (_req, _res, next) => {
    next(deps.enabled ? undefined : AppError.notFound('AUTH.DEV_SIGNIN_DISABLED', 'Dev sign-in is off'));
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/dev',
      summary: 'Dev sign-in by username (only when DEV_SIGNIN=true)',
      tag: 'sign-in',
      security: 'none',
      before: [whenEnabled, deps.signInLimit],
      request: { body: DevSignInBody },
      status: 200,
      reply: Session,
      replyDescription: 'Signed in; the refresh cookie is set',
      errors: {
        404: 'Dev sign-in is off (AUTH.DEV_SIGNIN_DISABLED)',
        429: 'Too many attempts (RATE_LIMITED)',
      },
      handle: async (caller, { body }, { res }) => {
        const issued = await deps.devSignIn.signIn(body.username, caller);
        deps.cookie.set(res, issued.refreshToken);
        res.setHeader('Cache-Control', 'no-store');
        return presentSession(issued);
      },
    }),
  ];
}
