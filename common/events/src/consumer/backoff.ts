import type { RetryOptions } from '../types.js';

export interface RetryPolicy {
  attempts: number;
  delayMs(attempt: number): number;
}

/** Exponential backoff with jitter, capped, for a bounded number of attempts. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const attempts = Math.max(1, options.attempts ?? 5);
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 2000;
  return {
    attempts,
    // Jitter keeps consumers that failed together (e.g. on a database restart) from retrying in lockstep.
    delayMs: (attempt) => Math.min(max, initial * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
