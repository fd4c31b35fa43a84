// The rate-limit port of the services (Redis-backed in the app, so limits hold across instances).

/** Counts one use by the user; throws RATE_LIMITED when they are over the limit. */
export type RateLimit = (userId: string) => Promise<void>;

export interface RateLimits {
  send: RateLimit;
  invite: RateLimit;
}

export const unlimited: RateLimits = { send: async () => undefined, invite: async () => undefined };
