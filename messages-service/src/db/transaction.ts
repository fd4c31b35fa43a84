// The transaction port's implementation: one pooled client, BEGIN/COMMIT/ROLLBACK, and the repositories
// bound to that client for the duration of the work.
import type { Transaction } from '../shared/transaction.js';
import type { Pool, PoolClient } from './pool.js';

export function createTransaction<Repos>(
  pool: Pool,
  bind: (client: PoolClient) => Repos,
): Transaction<Repos> {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(bind(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}
