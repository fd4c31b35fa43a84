// The real passport strategies, pointed at configurable endpoints (the providers' by default, a local
// OAuth server in tests). Each uses state + PKCE (S256) through the Redis state store.
import type { OAuthProvider } from '@partyline/contracts';

import type { Config, OAuthProviderConfig } from '../../app/config.js';
import type { RedisClient } from '../../app/redis.js';
import type { ProviderProfile } from '../account-linking.service.js';
import { GitHubStrategy, GoogleStrategy } from './passport-lib.js';
import type { Strategy, StrategyProfile, VerifyFunction } from './passport-lib.js';
import { githubProfile, googleProfile } from './provider-profiles.js';
import { createRedisStateStore } from './redis-state-store.js';

type OnProfile = (req: Parameters<VerifyFunction>[0], profile: ProviderProfile) => Promise<unknown>;

export function createStrategy(
  provider: OAuthProvider,
  settings: OAuthProviderConfig,
  deps: { config: Config; redis: RedisClient; onProfile: OnProfile },
): Strategy {
  const toProfile: (p: StrategyProfile) => ProviderProfile =
    provider === 'google' ? googleProfile : githubProfile;
  const verify: VerifyFunction = (req, _accessToken, _refreshToken, profile, done) => {
    deps.onProfile(req, toProfile(profile)).then((user) => done(null, user), done);
  };
  const common = {
    clientID: settings.clientId,
    clientSecret: settings.clientSecret,
    authorizationURL: settings.authorizationUrl,
    tokenURL: settings.tokenUrl,
    callbackURL: `${deps.config.publicUrl}/api/auth/${provider}/callback`,
    pkce: true as const,
    state: true as const,
    passReqToCallback: true as const,
    store: createRedisStateStore({
      redis: deps.redis,
      keyPrefix: deps.config.redisKeyPrefix,
      provider,
      cookieSecure: deps.config.cookieSecure,
    }),
    userProfileURL: settings.profileUrl,
  };
  return provider === 'google'
    ? new GoogleStrategy({ ...common, scope: ['openid', 'profile', 'email'] }, verify)
    : new GitHubStrategy(
        {
          ...common,
          scope: ['read:user', 'user:email'],
          userEmailURL: settings.emailsUrl,
          allRawEmails: true,
        },
        verify,
      );
}
