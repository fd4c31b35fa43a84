import { fileURLToPath } from 'node:url';

import { pgOutboxSchemaSql, pgProcessedEventsSql } from '@partyline/events';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

// messages-service/migrations, both from src/db (tests) and from dist/db (the built service).
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Held while migrating; released when the session ends. */
const MIGRATION_LOCK_ID = 72418653;

interface MigrationLogger {
  info(message: string): void;
}

/**
 * Applies every pending migration. Instances starting together wait for each other on a session advisory
 * lock (node-pg-migrate's own lock would make the second one fail instead of waiting).
 */
export async function runMigrations(databaseUrl: string, logger?: MigrationLogger): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      noLock: true,
      // Features land in parallel, each with its own migration; a database that already ran a later one
      // still takes an earlier-named one that arrived after it (each migration stands on its own).
      checkOrder: false,
      log: (message: string) => logger?.info(message),
    });
    // The shared plumbing's own tables (idempotent DDL, kept in step with the library that uses them).
    await client.query(pgOutboxSchemaSql);
    await client.query(pgProcessedEventsSql);
  } finally {
    await client.end();
  }
}
