// classifyFailure over real error objects: the ones pg, the mongodb driver and zod raise when a store is
// unreachable, restarting, or refuses a row, produced here against the local stack (and a closed port,
// a proxy that cuts connections, a server that accepts but never answers).
import net from 'node:net';
import { AppError, PartyEvent } from '@partyline/contracts';
import { PoisonEventError, classifyFailure } from '@partyline/events';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, stack, uniqueName } from './helpers/stack.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

const caught = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await pool.query('CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL CHECK (n >= 0), u uuid)');
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('classifyFailure: PostgreSQL', () => {
  it('a connection refused (pg to a closed port) is transient', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    const error = await caught(() => client.connect());
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classifyFailure(error)).toBe('transient');
  });

  it('a connection cut under an open client ("Connection terminated unexpectedly", then "not queryable") is transient', async () => {
    const proxy = await startTcpProxy(db.url);
    const client = new pg.Client(proxy.urlFor(db.url));
    const errors: unknown[] = [];
    client.on('error', (e) => errors.push(e));
    await client.connect();
    const inFlight = caught(() => client.query('SELECT pg_sleep(5)'));
    await new Promise((r) => setTimeout(r, 100));
    await proxy.cut();
    const first = await inFlight;
    expect(String(first)).toMatch(/Connection terminated/);
    expect(classifyFailure(first)).toBe('transient');
    const next = await caught(() => client.query('SELECT 1'));
    expect(classifyFailure(next)).toBe('transient');
    await proxy.close();
  });

  it('a pool that cannot hand out a connection in time ("timeout exceeded when trying to connect") is transient', async () => {
    const small = new pg.Pool({ connectionString: db.url, max: 1, connectionTimeoutMillis: 100 });
    const held = await small.connect();
    const error = await caught(() => small.connect());
    expect(String(error)).toMatch(/timeout exceeded when trying to connect/);
    expect(classifyFailure(error)).toBe('transient');
    held.release();
    await small.end();
  });

  it('a server that accepts but never answers (connection timeout) is transient', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const { port } = silent.address() as net.AddressInfo;
    const client = new pg.Client({ host: '127.0.0.1', port, connectionTimeoutMillis: 200, user: 'x' });
    const error = await caught(() => client.connect());
    expect(classifyFailure(error)).toBe('transient');
    silent.close();
  });

  it('its backend terminated by an administrator (57P01) is transient', async () => {
    const victim = new pg.Client(db.url);
    victim.on('error', () => undefined);
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const inFlight = caught(() => victim.query('SELECT pg_sleep(5)'));
    await new Promise((r) => setTimeout(r, 100));
    await pool.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = await inFlight;
    expect((error as { code?: string }).code).toBe('57P01');
    expect(classifyFailure(error)).toBe('transient');
    await victim.end().catch(() => undefined);
  });

  it('a serialization failure (40001) and a statement timeout (57014) are transient', async () => {
    await pool.query('INSERT INTO t (id, n) VALUES (1, 0), (2, 0)');
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      for (const c of [a, b]) await c.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      await a.query('SELECT sum(n) FROM t');
      await b.query('SELECT sum(n) FROM t');
      await a.query('UPDATE t SET n = n + 1 WHERE id = 1');
      await b.query('UPDATE t SET n = n + 1 WHERE id = 2');
      await a.query('COMMIT');
      const error = await caught(() => b.query('COMMIT'));
      expect((error as { code?: string }).code).toBe('40001');
      expect(classifyFailure(error)).toBe('transient');
      await b.query('ROLLBACK').catch(() => undefined);

      await a.query('SET statement_timeout = 20');
      const timeout = await caught(() => a.query('SELECT pg_sleep(1)'));
      expect((timeout as { code?: string }).code).toBe('57014');
      expect(classifyFailure(timeout)).toBe('transient');
      await a.query('RESET statement_timeout');
    } finally {
      a.release();
      b.release();
    }
  });

  it('a constraint violation (23505, 23514) and a data exception (22P02) are deterministic', async () => {
    await pool.query('INSERT INTO t (id, n) VALUES (10, 0)');
    const unique = await caught(() => pool.query('INSERT INTO t (id, n) VALUES (10, 0)'));
    const check = await caught(() => pool.query('INSERT INTO t (id, n) VALUES (11, -1)'));
    const data = await caught(() => pool.query("INSERT INTO t (id, n, u) VALUES (12, 0, 'not-a-uuid')"));
    expect([unique, check, data].map((e) => (e as { code?: string }).code)).toEqual([
      '23505',
      '23514',
      '22P02',
    ]);
    expect([unique, check, data].map(classifyFailure)).toEqual([
      'deterministic',
      'deterministic',
      'deterministic',
    ]);
  });

  it('an undefined table (42P01) is not recognised: unknown', async () => {
    const error = await caught(() => pool.query('SELECT * FROM no_such_table'));
    expect(classifyFailure(error)).toBe('unknown');
  });
});

describe('classifyFailure: MongoDB (FerretDB)', () => {
  it('no server to select (a closed port) is transient', async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${await closedPort()}/x`, {
      serverSelectionTimeoutMS: 200,
    });
    const error = await caught(() => client.db().collection('c').findOne({}));
    expect((error as Error).name).toBe('MongoServerSelectionError');
    expect(classifyFailure(error)).toBe('transient');
    await client.close();
  });

  it('a connection cut mid-operation is transient', async () => {
    const proxy = await startTcpProxy(stack.mongoUrl);
    const client = new MongoClient(proxy.urlFor(stack.mongoUrl), { serverSelectionTimeoutMS: 300 });
    const col = client.db(uniqueName('t_events').replace(/-/g, '_')).collection('c');
    await col.findOne({});
    await proxy.cut();
    const error = await caught(() => col.findOne({}));
    expect((error as Error).name).toMatch(/^Mongo(Network|ServerSelection|PoolCleared)/);
    expect(classifyFailure(error)).toBe('transient');
    await proxy.close();
    await client.close();
  });

  it('a duplicate key (11000) is deterministic', async () => {
    const client = new MongoClient(stack.mongoUrl);
    const dbName = uniqueName('t_events').replace(/-/g, '_');
    const col = client.db(dbName).collection<{ _id: string }>('c');
    await col.insertOne({ _id: 'a' });
    const error = await caught(() => col.insertOne({ _id: 'a' }));
    expect((error as { code?: number }).code).toBe(11000);
    expect(classifyFailure(error)).toBe('deterministic');
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('mongoose-shaped errors: buffering timed out is transient, validation and cast errors deterministic', () => {
    // mongoose is not a dependency of this package; these have the name and message mongoose 8 gives them.
    const buffering = Object.assign(
      new Error('Operation `memberships.updateOne()` buffering timed out after 10000ms'),
      { name: 'MongooseError' },
    );
    const validation = Object.assign(new Error('Membership validation failed: role: invalid'), {
      name: 'ValidationError',
    });
    const cast = Object.assign(new Error('Cast to ObjectId failed'), { name: 'CastError' });
    const labelled = Object.assign(new Error('not primary'), {
      name: 'MongoServerError',
      errorLabels: ['RetryableWriteError'],
    });
    expect([buffering, validation, cast, labelled].map(classifyFailure)).toEqual([
      'transient',
      'deterministic',
      'deterministic',
      'transient',
    ]);
  });
});

describe('classifyFailure: the rest', () => {
  it('a zod parse failure, JSON that does not parse and PoisonEventError are deterministic', () => {
    const zod = PartyEvent.safeParse({ type: 'PartyUpdated' }).error;
    let syntax: unknown;
    try {
      JSON.parse('{nope');
    } catch (error) {
      syntax = error;
    }
    expect([zod, syntax, new PoisonEventError('never existed')].map(classifyFailure)).toEqual([
      'deterministic',
      'deterministic',
      'deterministic',
    ]);
  });

  it('a driver error wrapped by a service (cause chain, AggregateError) keeps its class; poison wrapping a transient one stays poison', async () => {
    const refused = await caught(() =>
      new pg.Client({ host: '127.0.0.1', port: 1, user: 'x', database: 'x' }).connect(),
    );
    const wrapped = new Error('could not apply UserUpdated', {
      cause: new Error('repository failed', { cause: refused }),
    });
    const aggregate = new AggregateError([new Error('x'), refused], 'all attempts failed');
    expect(classifyFailure(wrapped)).toBe('transient');
    expect(classifyFailure(aggregate)).toBe('transient');
    expect(classifyFailure(new PoisonEventError('gone', { cause: refused }))).toBe('deterministic');
  });

  it('a bug (TypeError), a plain Error and a non-error are unknown', () => {
    let typeError: unknown;
    try {
      (undefined as unknown as { x: () => void }).x();
    } catch (error) {
      typeError = error;
    }
    expect([typeError, new Error('constraint violated'), 'oops', null].map(classifyFailure)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it("a service's SERVICE.UNAVAILABLE is transient even when it wraps nothing recognisable", () => {
    expect(classifyFailure(AppError.unavailable('The database is not answering', 2))).toBe('transient');
    expect(classifyFailure(new AppError('TOPIC.NOT_FOUND', 'No such topic'))).toBe('unknown');
  });
});
