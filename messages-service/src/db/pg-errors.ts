// Driver errors the repositories turn into domain errors, and the one place that tells "the database is
// unreachable or refusing work" from everything else: those become SERVICE.UNAVAILABLE (503 with
// Retry-After, the same code in socket acks), so a client retries the same request instead of giving up.
import { AppError } from '@partyline/contracts';

import type { Queryable } from './pool.js';

interface ErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  errors?: unknown;
}

const isObject = (error: unknown): error is ErrorLike => typeof error === 'object' && error !== null;

/** A unique violation (23505), optionally of one named constraint/index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    isObject(error) && error.code === '23505' && (constraint === undefined || error.constraint === constraint)
  );
}

/** Socket errors: the server is not there or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot take work now: connection exceptions (08), insufficient resources
 * (53: too many connections, out of memory or disk), and shutdown / crash / starting up (57P01-57P03).
 */
const isUnavailableSqlState = (code: string) =>
  code.startsWith('08') || code.startsWith('53') || /^57P0[1-3]$/.test(code);

/** What pg and pg-pool raise themselves when the connection is gone or never came (they carry no code). */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^timeout expired$/,
  /Client has encountered a connection error and is not queryable/,
  /^Query read timeout$/,
];

/** True when `error` means the database is unreachable or refusing work, not that the request is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!isObject(error) || error instanceof AppError) return false;
  if (typeof error.code === 'string') {
    if (SOCKET_CODES.has(error.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(error.code) && isUnavailableSqlState(error.code)) return true;
  }
  const message = typeof error.message === 'string' ? error.message : '';
  if (DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Connecting to "localhost" tries ::1 and 127.0.0.1 and reports both as an AggregateError.
  return Array.isArray(error.errors) && error.errors.length > 0 && error.errors.every(isDatabaseUnavailable);
}

/** Seconds a client should wait before retrying against a database that is away. */
const RETRY_AFTER_SECONDS = 2;

/** SERVICE.UNAVAILABLE for an unreachable database (keeping the driver error as its cause), else `error`. */
export function mapDatabaseError(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  return new AppError('SERVICE.UNAVAILABLE', 'The database is unavailable; try again shortly', {
    details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    cause: error,
  });
}

/** `db` whose failed queries are passed through mapDatabaseError (promise form only, as the repositories use). */
export function mappingDatabaseErrors(db: Queryable): Queryable {
  const query = (...args: unknown[]) =>
    (db.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
      throw mapDatabaseError(error);
    });
  return { query: query as Queryable['query'] };
}
