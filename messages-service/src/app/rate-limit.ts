// Per-user limits counted in Redis, so they hold across instances.
//
// When Redis is down or slow the limit fails open to a per-instance count in memory (same points and
// window), instead of refusing or hanging: Redis holds nothing of record for these requests, so refusing
// would turn an outage of a protective counter into an outage of sending, while the memory count still
// bounds a flood (to the limit times the number of instances) until Redis answers again. A command
// is not waited for once Redis is known to be disconnected, and at most REDIS_COMMAND_TIMEOUT_MS otherwise.
import { AppError } from '@partyline/contracts';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import type { RedisClient } from '../realtime/redis.js';
import type { RateLimit } from '../shared/rate-limit.js';

export interface LimitSpec {
  points: number;
  windowSeconds: number;
}

/** Invite previews and redemptions per user: enough for people, too few to guess codes. */
export const DEFAULT_INVITE_LIMIT: LimitSpec = { points: 20, windowSeconds: 60 };

/** The longest a limit waits for Redis before it counts in memory instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 300;

export function createRedisRateLimit(
  redis: RedisClient,
  keyPrefix: string,
  spec: LimitSpec,
  what: string,
): RateLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis.withCommandOptions({ timeout: REDIS_COMMAND_TIMEOUT_MS }),
    useRedisPackage: true,
    keyPrefix,
    points: spec.points,
    duration: spec.windowSeconds,
    // Disconnected (reconnecting): straight to the insurance, nothing queued behind the reconnect.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix,
      points: spec.points,
      duration: spec.windowSeconds,
    }),
    // A user over the limit is refused from memory until the window ends, without asking Redis again.
    inMemoryBlockOnConsumed: spec.points,
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
