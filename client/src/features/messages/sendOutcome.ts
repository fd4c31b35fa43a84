import type { Message } from '../../api/types';

/** What one attempt to send a message came to, and so what the outbox does next. */
export type SendOutcome =
  | { kind: 'stored'; message: Message }
  /** The server asked us to wait (rate limit, store unavailable) or failed for now: same nonce, later. */
  | { kind: 'later'; afterMs: number; countsAsFailure: boolean }
  /** No answer (offline, socket down, timed out): again once connected; the nonce makes it safe. */
  | { kind: 'whenConnected' }
  /** A definite refusal (too long, not a member, topic gone): shown as failed with the server's words. */
  | { kind: 'refused'; error: string };

/** Server errors other than "wait" are retried this many times before the message shows as failed. */
export const MAX_SERVER_FAILURES = 3;
const DEFAULT_WAIT_S = 1;
const MAX_WAIT_S = 120;

interface ErrorLike {
  code?: string;
  message?: string;
  retryAfterSeconds?: unknown;
  details?: unknown;
}

/** The wait the server gave: a field of the ack or REST error, a Retry-After header, or its message. */
export function retryAfterMs(error: ErrorLike | undefined, header?: string | null): number {
  const details = error?.details as { retryAfterSeconds?: unknown } | undefined;
  const candidates = [
    error?.retryAfterSeconds,
    details?.retryAfterSeconds,
    header ? Number(header) : undefined,
  ];
  // "Too many messages; try again in 3 s": the only place today's socket ack carries the wait.
  const inText = error?.message?.match(/in (\d+(?:\.\d+)?) ?s\b/);
  if (inText) candidates.push(Number(inText[1]));
  const seconds = candidates.find((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  return Math.min(seconds ?? DEFAULT_WAIT_S, MAX_WAIT_S) * 1000;
}

/** Backoff for server failures without a given wait: 1 s, 2 s, 4 s ... */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, 30_000);

/** An error answer of the server (socket ack or REST body), by its stable code. */
export function outcomeOfServerError(
  error: ErrorLike,
  attempts: number,
  header?: string | null,
): SendOutcome {
  switch (error.code) {
    case 'RATE_LIMITED':
    case 'SERVICE.UNAVAILABLE':
      return { kind: 'later', afterMs: retryAfterMs(error, header), countsAsFailure: false };
    case 'INTERNAL':
    case undefined:
      return { kind: 'later', afterMs: backoffMs(attempts), countsAsFailure: true };
    default:
      return { kind: 'refused', error: error.message || 'Not sent' };
  }
}

/** An RTK Query error of the REST send: `{ status, data }`, with the Retry-After header kept in `retryAfter`. */
export function outcomeOfRestError(err: unknown, attempts: number): SendOutcome {
  const e = (err ?? {}) as { status?: unknown; data?: { error?: ErrorLike }; retryAfter?: string | null };
  if (typeof e.status !== 'number') return { kind: 'whenConnected' }; // FETCH_ERROR, TIMEOUT_ERROR
  const body = e.data?.error ?? {};
  if (e.status === 429 || e.status === 503) {
    const code = body.code ?? (e.status === 429 ? 'RATE_LIMITED' : 'SERVICE.UNAVAILABLE');
    return outcomeOfServerError({ ...body, code }, attempts, e.retryAfter);
  }
  if (e.status >= 500) return { kind: 'later', afterMs: backoffMs(attempts), countsAsFailure: true };
  return outcomeOfServerError({ ...body, code: body.code ?? 'REQUEST.INVALID' }, attempts);
}
