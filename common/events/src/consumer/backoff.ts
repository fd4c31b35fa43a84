import type { RetryOptions } from '../types.js';

export interface RetryPolicy {
  /** Tries of a message whose handler fails deterministically (or unrecognisably) before the DLT. */
  attempts: number;
  /** The pause before retry `attempt + 1` of such a failure. */
  delayMs(attempt: number): number;
  /** The pause before transient retry number `retry` (1, 2, …): unbounded in number, capped in length. */
  transientDelayMs(retry: number): number;
}

// Jitter keeps consumers that failed together (e.g. on a database restart) from retrying in lockstep.
const jittered = (initial: number, max: number, n: number): number =>
  Math.min(max, initial * 2 ** Math.min(n - 1, 30)) * (0.5 + Math.random() / 2);

/** Exponential backoff with jitter, capped: bounded in attempts for failures, unbounded for transient ones. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const attempts = Math.max(1, options.attempts ?? 5);
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 2000;
  const transientInitial = options.transient?.initialDelayMs ?? 200;
  const transientMax = Math.max(transientInitial, options.transient?.maxDelayMs ?? 10_000);
  return {
    attempts,
    delayMs: (attempt) => jittered(initial, max, attempt),
    transientDelayMs: (retry) => jittered(transientInitial, transientMax, retry),
  };
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
