// Per-user limits counted in Redis, so they hold across instances.
import { AppError } from '@partyline/contracts';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { createClient } from 'redis';

import type { RateLimit } from '../shared/rate-limit.js';

export interface LimitSpec {
  points: number;
  windowSeconds: number;
}

/** Invite previews and redemptions per user: enough for people, too few to guess codes. */
export const DEFAULT_INVITE_LIMIT: LimitSpec = { points: 20, windowSeconds: 60 };

export function createRedisRateLimit(
  redis: ReturnType<typeof createClient>,
  keyPrefix: string,
  spec: LimitSpec,
  what: string,
): RateLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix,
    points: spec.points,
    duration: spec.windowSeconds,
  });
  return async (userId) => {
    try {
      await limiter.consume(userId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw AppError.rateLimited(`Too many ${what}; try again in ${retryAfter} s`, retryAfter);
    }
  };
}
