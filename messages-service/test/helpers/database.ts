import pg from 'pg';

import { createPool, type Pool } from '../../src/db/pool.js';
import { runMigrations } from '../../src/db/migrate.js';
import { randomSuffix, stackEnv } from './env.js';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** A fresh database of its own for one test file, migrated to the latest schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomSuffix()}${randomSuffix()}`;
  const admin = new pg.Client({ connectionString: stackEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(stackEnv.postgresUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const pool = createPool(url.toString(), 30);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: stackEnv.postgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
