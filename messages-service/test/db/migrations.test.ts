import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('migrations', () => {
  it('when run on an empty database, then every table exists', async () => {
    const { rows } = await db.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'bans',
        'invites',
        'members',
        'message_edits',
        'messages',
        'outbox',
        'parties',
        'processed_events',
        'read_states',
        'topics',
        'users',
      ]),
    );
  });

  it('when run again, then nothing changes and nothing fails', async () => {
    await expect(runMigrations(db.url)).resolves.toBeUndefined();
  });

  it('when a party would get a second owner, then the schema refuses it', async () => {
    const user = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    await db.pool.query(
      "INSERT INTO users (id, username, display_name) VALUES ($1, 'a', 'A'), ($2, 'b', 'B')",
      [user(1), user(2)],
    );
    const { rows } = await db.pool.query<{ id: string }>(
      "INSERT INTO parties (name) VALUES ('p') RETURNING id",
    );
    const partyId = rows[0]!.id;
    await db.pool.query("INSERT INTO members (party_id, user_id, role) VALUES ($1, $2, 'owner')", [
      partyId,
      user(1),
    ]);
    await expect(
      db.pool.query("INSERT INTO members (party_id, user_id, role) VALUES ($1, $2, 'owner')", [
        partyId,
        user(2),
      ]),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('when an invite would be used more often than allowed, then the schema refuses it', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      "INSERT INTO parties (name) VALUES ('q') RETURNING id",
    );
    await expect(
      db.pool.query(
        "INSERT INTO invites (party_id, code_hash, max_uses, uses) VALUES ($1, decode(repeat('ab', 32), 'hex'), 1, 2)",
        [rows[0]!.id],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('when migrated, then the search index takes new entries in a bounded pending list (fastupdate) and autovacuum merges it after inserts', async () => {
    const { rows } = await db.pool.query<{ relname: string; reloptions: string[] }>(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('messages_search', 'messages') ORDER BY relname",
    );
    expect(rows).toEqual([
      {
        relname: 'messages',
        reloptions: expect.arrayContaining([
          'autovacuum_vacuum_insert_threshold=10000',
          'autovacuum_vacuum_insert_scale_factor=0.02',
        ]),
      },
      {
        relname: 'messages_search',
        reloptions: expect.arrayContaining(['fastupdate=on', 'gin_pending_list_limit=1024']),
      },
    ]);
  });
});
