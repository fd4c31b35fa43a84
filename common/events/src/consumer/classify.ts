// Why did a handler fail? The consumer runner asks this before it decides between "retry until it works"
// (the store is down, the event is fine) and "dead-letter it" (the event can never be applied). It looks at
// the error and at everything it wraps (`cause`, AggregateError's `errors`), without importing the
// drivers: pg, mongodb and mongoose errors are recognised by their SQLSTATE, code, name, labels or message.
import { PoisonEventError } from '../errors.js';
import type { FailureClass } from '../types.js';

/*
 * - `transient`: the event is fine, something it needs is not (a store down or restarting, a timeout, a
 *   serialization failure). Retried with capped backoff for as long as it takes, the partition paused.
 * - `deterministic`: the event can never be applied (parse, schema, data exception, constraint,
 *   `PoisonEventError`). Goes to the DLT after the few configured retries (at once for poison).
 * - `unknown`: neither is recognisable (most often a bug in the handler). Treated like a deterministic
 *   failure: the few retries, then the DLT (see README, "Failures").
 */

/** Node and libuv socket/DNS error codes: the peer is unreachable or went away. */
const transientSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** SQLSTATE classes (first two characters) and codes of PostgreSQL. */
const pgTransientClasses = new Set(['08', '53']); // connection exception, insufficient resources
const pgTransientCodes = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '57P05', // idle_session_timeout
  '58030', // io_error
]);
const pgDeterministicClasses = new Set(['22', '23']); // data exception, integrity constraint violation

/** Errors pg (Client, Pool) raises itself, not the server: the connection is gone or never came. */
const pgTransientMessages = [
  /^Connection terminated/, // "...unexpectedly", "...due to connection timeout", plain
  /timeout exceeded when trying to connect/, // pg-pool
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /^Query read timeout$/,
  /^timeout expired$/, // pg.Client's connectionTimeoutMillis
  /terminating connection due to/, // a server-side termination surfaced without its code
  /the database system is (starting up|shutting down|in recovery mode)/,
];

/** mongodb driver error classes that mean "no server right now". */
const mongoTransientNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'MongoWriteConcernError',
]);
const mongoTransientLabels = [
  'RetryableWriteError',
  'TransientTransactionError',
  'UnknownTransactionCommitResult',
  'ResetPool',
  'SystemOverloadedError',
];
/** MongoDB server codes a driver retries (network, elections, shutdowns, time limits, write conflicts). */
const mongoTransientCodes = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  112, // WriteConflict
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);
/** MongoDB server codes of a document that cannot be stored as it is. */
const mongoDeterministicCodes = new Set([
  2, // BadValue
  9, // FailedToParse
  14, // TypeMismatch
  52, // DollarPrefixedFieldName
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  66, // ImmutableField
  121, // DocumentValidationFailure
  11000, // DuplicateKey
  11001, // DuplicateKey (legacy)
  17280, // KeyTooLong
]);
/** mongoose's validation errors (its own, thrown before anything reaches the server). */
const mongooseDeterministicNames = new Set([
  'ValidationError',
  'ValidatorError',
  'CastError',
  'StrictModeError',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  severity?: unknown;
  errorLabels?: unknown;
  errorLabelSet?: unknown;
  issues?: unknown;
  cause?: unknown;
  errors?: unknown;
  hasErrorLabel?: unknown;
}

const isObject = (value: unknown): value is ErrorLike => typeof value === 'object' && value !== null;

function hasLabel(error: ErrorLike, label: string): boolean {
  if (Array.isArray(error.errorLabels) && error.errorLabels.includes(label)) return true;
  if (error.errorLabelSet instanceof Set && error.errorLabelSet.has(label)) return true;
  if (typeof error.hasErrorLabel === 'function') {
    try {
      return Boolean((error.hasErrorLabel as (l: string) => unknown).call(error, label));
    } catch {
      return false;
    }
  }
  return false;
}

/** What this one error says by itself, not looking at what it wraps. */
function classifyOne(error: ErrorLike): FailureClass {
  if (error instanceof PoisonEventError) return 'deterministic';
  const name = typeof error.name === 'string' ? error.name : '';
  const message = typeof error.message === 'string' ? error.message : '';
  const code = error.code;

  // Parse and schema failures: zod (any version), JSON.parse.
  if (name === 'ZodError' || name === '$ZodError' || (Array.isArray(error.issues) && name.includes('Zod')))
    return 'deterministic';
  if (error instanceof SyntaxError) return 'deterministic';

  if (typeof code === 'string') {
    if (transientSystemCodes.has(code)) return 'transient';
    // Our own services' word for "a store is away for now" (AppError SERVICE.UNAVAILABLE).
    if (code === 'SERVICE.UNAVAILABLE') return 'transient';
    // A SQLSTATE: five characters, digits and capitals (checked after the system codes: EPIPE has five).
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const sqlClass = code.slice(0, 2);
      if (pgTransientCodes.has(code) || pgTransientClasses.has(sqlClass)) return 'transient';
      if (pgDeterministicClasses.has(sqlClass)) return 'deterministic';
    }
  }

  if (mongoTransientNames.has(name)) return 'transient';
  if (mongoTransientLabels.some((label) => hasLabel(error, label))) return 'transient';
  if (typeof code === 'number' && name.startsWith('Mongo')) {
    if (mongoTransientCodes.has(code)) return 'transient';
    if (mongoDeterministicCodes.has(code)) return 'deterministic';
  }
  if (mongooseDeterministicNames.has(name)) return 'deterministic';
  // mongoose queues operations while disconnected and fails them with a plain MongooseError.
  if (/buffering timed out after/.test(message)) return 'transient';

  if (pgTransientMessages.some((re) => re.test(message))) return 'transient';
  return 'unknown';
}

/**
 * Classifies a handler's failure. The outermost error that is recognisable decides: a service that wraps
 * a driver error in its own (as `cause`) gets the driver error's class, and a `PoisonEventError` wrapping
 * a connection error stays poison.
 */
export function classifyFailure(error: unknown): FailureClass {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 32) {
    const current = queue.shift();
    if (!isObject(current) || seen.has(current)) continue;
    seen.add(current);
    const verdict = classifyOne(current);
    if (verdict !== 'unknown') return verdict;
    if (current.cause !== undefined) queue.push(current.cause);
    // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1), MongoBulkWriteError's write errors.
    if (Array.isArray(current.errors)) queue.push(...(current.errors as unknown[]));
  }
  return 'unknown';
}
