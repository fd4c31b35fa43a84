import { fileURLToPath } from 'node:url';

import { pgOutboxSchemaSql, pgProcessedEventsSql } from '@partyline/events';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

// messages-service/migrations, both from src/db (tests) and from dist/db (the built service).
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

const PLUMBING_LOCK_ID = 72418653;

interface MigrationLogger {
  info(message: string): void;
}

/** Applies every pending migration (node-pg-migrate takes an advisory lock, so instances may race). */
export async function runMigrations(databaseUrl: string, logger?: MigrationLogger): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      log: (message: string) => logger?.info(message),
    });
    // The shared plumbing's own tables (idempotent DDL, kept in step with the library that uses them),
    // under a lock so instances starting together on a fresh database do not race on CREATE TABLE.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PLUMBING_LOCK_ID]);
    await client.query(pgOutboxSchemaSql);
    await client.query(pgProcessedEventsSql);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
