// The OAuth dance, wrapped so a route handler can await it: passport with the real strategies of the
// configured providers, a private instance per app (no global singleton), `session: false`.
import type { Logger } from 'pino';

import { AppError } from '@partyline/contracts';
import type { OAuthProvider } from '@partyline/contracts';
import type { HttpExchange } from '@partyline/http';

import type { Config } from '../../app/config.js';
import type { RedisClient } from '../../app/redis.js';
import { callerOf } from '../../app/route.js';
import type { User } from '../../users/users.repository.js';
import type { AccountLinkingService } from '../account-linking.service.js';
import { createAuthenticator } from './passport-lib.js';
import { createStrategy } from './strategies.js';

interface PassportFlowDeps {
  config: Config;
  redis: RedisClient;
  linking: AccountLinkingService;
  logger: Logger;
}

export const OAUTH_PROVIDERS: readonly OAuthProvider[] = ['google', 'github'];

export function createPassportFlow(deps: PassportFlowDeps) {
  const passport = createAuthenticator();
  for (const provider of OAUTH_PROVIDERS) {
    const settings = deps.config[provider];
    if (!settings) continue;
    passport.use(
      provider,
      createStrategy(provider, settings, {
        config: deps.config,
        redis: deps.redis,
        // The strategy's verify step: the one service call of a provider sign-in.
        onProfile: (req, profile) => deps.linking.signIn(profile, callerOf(req)),
      }),
    );
  }

  return {
    isConfigured: (provider: OAuthProvider): boolean => deps.config[provider] !== undefined,

    /** Redirects the browser to the provider; resolves once passport has answered. */
    start(provider: OAuthProvider, returnTo: string, { req, res }: HttpExchange): Promise<void> {
      return new Promise((resolve, reject) => {
        // passport answers by itself (a redirect) and calls next only on an error.
        res.once('finish', resolve);
        res.once('close', resolve);
        passport.authenticate(provider, { session: false, state: { returnTo } })(req, res, (err?: unknown) =>
          err === undefined ? resolve() : reject(err),
        );
      });
    },

    /** Exchanges the code for the signed-in user and where to send them afterwards. */
    finish(provider: OAuthProvider, { req, res }: HttpExchange): Promise<{ user: User; returnTo: string }> {
      return new Promise((resolve, reject) => {
        passport.authenticate(provider, { session: false }, (err, user, info) => {
          if (err) {
            if (err instanceof AppError) return reject(err);
            deps.logger.warn(
              { err, provider, correlationId: req.correlationId },
              'OAuth provider exchange failed',
            );
            return reject(
              new AppError('AUTH.PROVIDER_FAILED', `Sign-in with ${provider} failed`, { cause: err }),
            );
          }
          if (!user) {
            return reject(
              new AppError('AUTH.STATE_INVALID', 'The sign-in link is invalid or was already used'),
            );
          }
          const returnTo = (info as { state?: { returnTo?: string } } | undefined)?.state?.returnTo ?? '/';
          resolve({ user: user as User, returnTo });
        })(req, res, reject);
      });
    },
  };
}

export type PassportFlow = ReturnType<typeof createPassportFlow>;
