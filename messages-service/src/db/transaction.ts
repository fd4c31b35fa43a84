// The transaction port's implementation: one pooled client, BEGIN/COMMIT/ROLLBACK, and the repositories
// bound to that client for the duration of the work. An unreachable database (connecting, BEGIN, any
// statement, COMMIT) fails the whole transaction with SERVICE.UNAVAILABLE.
import type { Transaction } from '../shared/transaction.js';
import { isDatabaseUnavailable, mapDatabaseError } from './pg-errors.js';
import type { Pool, PoolClient } from './pool.js';

export function createTransaction<Repos>(
  pool: Pool,
  bind: (client: PoolClient) => Repos,
): Transaction<Repos> {
  return async (work) => {
    const client = await pool.connect().catch((error: unknown) => {
      throw mapDatabaseError(error);
    });
    // A checked-out client has no pool listener: without one, its connection dying between two statements
    // would be an uncaught 'error' event. The statement in flight fails with it anyway.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(bind(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that failed goes, instead of back to the pool for the next caller to trip on.
      broken = isDatabaseUnavailable(error);
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      throw mapDatabaseError(error);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  };
}
