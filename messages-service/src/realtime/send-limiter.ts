// Per-user limit on message sends, counted in Redis so it holds across instances, shared by REST and
// socket sends. Fails open to a per-instance count when Redis is away (app/rate-limit.ts says why).
import { createRedisRateLimit, type LimitSpec } from '../app/rate-limit.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { RedisClient } from './redis.js';

export type SendLimit = LimitSpec;

export const DEFAULT_SEND_LIMIT: SendLimit = { points: 20, windowSeconds: 10 };

/** Counts one send; throws RATE_LIMITED when the user is over the limit. */
export function createSendLimiter(redis: RedisClient, keyPrefix: string, limit: SendLimit): RateLimit {
  return createRedisRateLimit(redis, `${keyPrefix}rl:send`, limit, 'messages');
}
