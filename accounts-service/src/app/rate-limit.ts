// Redis-backed rate limits, so a limit holds across every instance of the service.
import type { RequestHandler } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { AppError } from '@partyline/contracts';

import type { RateLimitConfig } from './config.js';
import type { RedisClient } from './redis.js';

/** A middleware that spends one point per request from the caller's address. */
export function rateLimit(
  redis: RedisClient,
  keyPrefix: string,
  { points, durationSeconds }: RateLimitConfig,
): RequestHandler {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix,
    points,
    duration: durationSeconds,
  });
  return (req, _res, next) => {
    limiter.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          next(AppError.rateLimited('Too many attempts; try again later', retryAfter));
        } else {
          next(rejection);
        }
      },
    );
  };
}
