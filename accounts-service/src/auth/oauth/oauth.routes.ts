// GET /api/auth/{google,github} starts a sign-in; /callback finishes it: a session cookie and a redirect
// back to PUBLIC_URL + returnTo (so an invite link survives the detour through the provider).
import { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

import { validate } from '@partyline/http';
import { AppError, OAuthStartQuery } from '@partyline/contracts';
import type { OAuthProvider } from '@partyline/contracts';

import type { Config } from '../../config.js';
import type { RedisClient } from '../../http/redis.js';
import { contextOf } from '../../http/request-context.js';
import type { RefreshCookie } from '../../sessions/refresh-cookie.js';
import type { SessionIssuer } from '../../sessions/session-issuer.js';
import type { User } from '../../users/user.repository.js';
import type { AccountLinkingService } from '../account-linking.service.js';
import { createAuthenticator } from './passport-lib.js';
import { createStrategy } from './strategies.js';

export interface OAuthRoutesDeps {
  config: Config;
  redis: RedisClient;
  linking: AccountLinkingService;
  issuer: SessionIssuer;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
  logger: Logger;
}

const PROVIDERS: OAuthProvider[] = ['google', 'github'];

export function oauthRoutes(deps: OAuthRoutesDeps): Router {
  const router = Router();
  const passport = createAuthenticator();
  const start = validate({ query: OAuthStartQuery });

  for (const provider of PROVIDERS) {
    const settings = deps.config[provider];
    if (!settings) {
      router.get([`/${provider}`, `/${provider}/callback`], (_req, _res, next) => {
        next(AppError.notFound('AUTH.PROVIDER_DISABLED', `Sign-in with ${provider} is not configured`));
      });
      continue;
    }
    passport.use(
      provider,
      createStrategy(provider, settings, {
        config: deps.config,
        redis: deps.redis,
        onProfile: (req, profile) => deps.linking.signIn(profile, contextOf(req)),
      }),
    );

    router.get(`/${provider}`, deps.signInLimit, start, (req, res, next) => {
      const { returnTo } = start.read(res).query;
      passport.authenticate(provider, { session: false, state: { returnTo: returnTo ?? '/' } })(
        req,
        res,
        next,
      );
    });

    router.get(`/${provider}/callback`, deps.signInLimit, (req, res, next) => {
      if (typeof req.query['code'] !== 'string') {
        // Without a code passport would start a new flow; the provider sent an error or someone else called.
        next(new AppError('AUTH.PROVIDER_FAILED', 'The provider did not sign you in', { status: 401 }));
        return;
      }
      passport.authenticate(provider, { session: false }, (err, user, info) => {
        finish(deps, provider, req, res, next, err, user as User | false, info);
      })(req, res, next);
    });
  }
  return router;
}

function finish(
  deps: OAuthRoutesDeps,
  provider: OAuthProvider,
  req: Request,
  res: Response,
  next: NextFunction,
  err: unknown,
  user: User | false,
  info: unknown,
): void {
  if (err) {
    if (err instanceof AppError) return next(err);
    deps.logger.warn({ err, provider, correlationId: req.correlationId }, 'OAuth provider exchange failed');
    return next(new AppError('AUTH.PROVIDER_FAILED', `Sign-in with ${provider} failed`, { cause: err }));
  }
  if (!user)
    return next(new AppError('AUTH.STATE_INVALID', 'The sign-in link is invalid or was already used'));
  const returnTo = (info as { state?: { returnTo?: string } } | undefined)?.state?.returnTo ?? '/';
  deps.issuer.signIn(user.id).then(({ refreshToken }) => {
    deps.cookie.set(res, refreshToken);
    res.redirect(302, `${deps.config.publicUrl}${returnTo}`);
  }, next);
}
