// Per-user limit on message sends, counted in Redis so it holds across instances.
import { AppError } from '@partyline/contracts';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import type { RedisClient } from './redis.js';

export interface SendLimit {
  /** Sends allowed per window. */
  points: number;
  windowSeconds: number;
}

export const DEFAULT_SEND_LIMIT: SendLimit = { points: 20, windowSeconds: 10 };

interface SendLimiter {
  /** Counts one send; throws RATE_LIMITED when the user is over the limit. */
  consume(userId: string): Promise<void>;
}

export function createSendLimiter(redis: RedisClient, keyPrefix: string, limit: SendLimit): SendLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix: `${keyPrefix}rl:send`,
    points: limit.points,
    duration: limit.windowSeconds,
  });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw AppError.rateLimited(`Too many messages; try again in ${retryAfter} s`, retryAfter);
      }
    },
  };
}
