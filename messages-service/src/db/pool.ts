import pg from 'pg';

// bigint (int8) columns such as seq and version come back as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * How long a query waits for a connection (a free one from the pool, or a new one to the server) before it
 * fails. Without it a dead or unreachable server makes requests hang; with it they fail fast and answer
 * SERVICE.UNAVAILABLE (pg-errors.ts). Long enough not to fail a busy pool's normal queueing.
 */
export const CONNECTION_TIMEOUT_MS = 1_500;

/**
 * A pool whose idle connections may die (database restart, failover) without taking the process down:
 * the error is reported and the pool opens a new connection on the next query.
 */
export function createPool(
  connectionString: string,
  max = 10,
  onIdleError: (error: Error) => void = () => undefined,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'messages-service',
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    // A server that vanished without closing the connection (host down, network cut) is noticed by TCP.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  pool.on('error', onIdleError);
  return pool;
}
