// The rate-limit port of the services (Redis-backed in the app, so limits hold across instances).

/** Counts one use by the user; throws RATE_LIMITED when they are over the limit. */
export type RateLimit = (userId: string) => Promise<void>;

export interface RateLimits {
  send: RateLimit;
  invite: RateLimit;
  /** Syncs that name at least one topic. */
  sync: RateLimit;
  /** presence:list. */
  presence: RateLimit;
  /** Read marks, REST and socket alike. */
  readMark: RateLimit;
  /** Reaction changes, REST and socket alike. */
  reaction: RateLimit;
}

const none: RateLimit = async () => undefined;

export const unlimited: RateLimits = {
  send: none,
  invite: none,
  sync: none,
  presence: none,
  readMark: none,
  reaction: none,
};
