import pg from 'pg';

// bigint (int8) columns such as seq and version come back as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * A pool whose idle connections may die (database restart, failover) without taking the process down:
 * the error is reported and the pool opens a new connection on the next query.
 */
export function createPool(
  connectionString: string,
  max = 10,
  onIdleError: (error: Error) => void = () => undefined,
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'messages-service' });
  pool.on('error', onIdleError);
  return pool;
}
