// A fresh PostgreSQL database per benchmark, migrated by the service's own migrations, dropped afterwards.
import pg from 'pg';

import { runMigrations } from '../../messages-service/src/db/migrate.js';
import { createPool, type Pool } from '../../messages-service/src/db/pool.js';
import { runId, stack } from './env.js';

export interface BenchDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack.postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(poolSize = 10): Promise<BenchDatabase> {
  const name = `bench_${runId()}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(stack.postgresUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const pool = createPool(url.toString(), poolSize);
  let dropped = false;
  return {
    name,
    url: url.toString(),
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
