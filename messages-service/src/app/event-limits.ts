// Per-user limits of the reads a client repeats (sync, presence:list, read marks), counted in Redis like
// sends so they hold across instances. Each of these costs a store round trip per call; a client in a loop
// must not be able to turn them into a flood. The budgets are far above what the browser client sends.
import type { RateLimit } from '../shared/rate-limit.js';
import { createRedisRateLimit, type LimitSpec } from './rate-limit.js';

export interface EventLimitSpecs {
  /** Syncs naming at least one topic (the client's empty heartbeat sync is not counted). */
  sync: LimitSpec;
  presence: LimitSpec;
  readMark: LimitSpec;
  /** Reaction adds and removes (issue 14). */
  reaction: LimitSpec;
}

export const DEFAULT_EVENT_LIMITS: EventLimitSpecs = {
  // A reconnect or a seen gap syncs once per socket (coalesced per topic).
  sync: { points: 30, windowSeconds: 10 },
  // Asked when a party's member list opens.
  presence: { points: 30, windowSeconds: 10 },
  // Debounced to one per newest message on screen; a busy topic stays well below.
  readMark: { points: 100, windowSeconds: 10 },
  // A person clicking reactions; a script toggling one in a loop is stopped.
  reaction: { points: 60, windowSeconds: 10 },
};

export function createEventLimits(
  redis: Parameters<typeof createRedisRateLimit>[0],
  keyPrefix: string,
  specs: Partial<EventLimitSpecs> = {},
): { sync: RateLimit; presence: RateLimit; readMark: RateLimit; reaction: RateLimit } {
  const spec = { ...DEFAULT_EVENT_LIMITS, ...specs };
  return {
    sync: createRedisRateLimit(redis, `${keyPrefix}rl:sync`, spec.sync, 'syncs'),
    presence: createRedisRateLimit(redis, `${keyPrefix}rl:presence`, spec.presence, 'presence requests'),
    readMark: createRedisRateLimit(redis, `${keyPrefix}rl:read`, spec.readMark, 'read marks'),
    reaction: createRedisRateLimit(redis, `${keyPrefix}rl:reaction`, spec.reaction, 'reactions'),
  };
}
