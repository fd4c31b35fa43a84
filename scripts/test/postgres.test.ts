import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { stackEnv, suffix } from './stack-env.js';

describe('the local stack PostgreSQL', () => {
  const pool = new pg.Pool({ connectionString: stackEnv.postgresUrl, max: 2 });
  const table = `stack_probe_${suffix()}`;
  afterAll(async () => {
    await pool.query(`drop table if exists ${table}`);
    await pool.end();
  });

  it('when a table is created and a row written, then the row reads back from version 15', async () => {
    const { rows: version } = await pool.query<{ server_version_num: string }>('show server_version_num');
    expect(Number(version[0]!.server_version_num)).toBeGreaterThanOrEqual(150000);
    expect(Number(version[0]!.server_version_num)).toBeLessThan(160000);

    await pool.query(`create table ${table} (id int primary key, name text not null)`);
    await pool.query(`insert into ${table} (id, name) values ($1, $2)`, [1, 'party']);
    const { rows } = await pool.query<{ id: number; name: string }>(`select id, name from ${table}`);
    expect(rows).toEqual([{ id: 1, name: 'party' }]);
  });

  it('when the primary key is violated, then the server rejects it with 23505', async () => {
    await pool.query(`create table if not exists ${table} (id int primary key, name text not null)`);
    await pool.query(`insert into ${table} (id, name) values (2, 'a') on conflict do nothing`);
    await expect(pool.query(`insert into ${table} (id, name) values (2, 'b')`)).rejects.toMatchObject({
      code: '23505',
    });
  });
});
