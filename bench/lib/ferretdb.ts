// A private FerretDB process (SQLite backend, a temporary data folder, a free loopback port) for a
// benchmark that measures the store's own CPU: the shared one serves every test that runs meanwhile.
// The binary is the one scripts/stack.sh built (BENCH_FERRETDB_BIN, or found in its cache folder).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MongoClient } from 'mongodb';

import { freePort } from './ports.js';
import { sleep } from './env.js';

export interface PrivateFerretDb {
  pid: number;
  /** mongodb://127.0.0.1:<port>/ (no database). */
  url: string;
  stop(): Promise<void>;
}

function findBinary(): string {
  const explicit = process.env['BENCH_FERRETDB_BIN'];
  if (explicit) return explicit;
  const cache = process.env['PARTYLINE_CACHE'] ?? '/var/cache/partyline';
  const dirs = existsSync(cache) ? readdirSync(cache).filter((name) => name.startsWith('ferretdb-')) : [];
  const found = dirs.map((dir) => join(cache, dir, 'ferretdb')).find((path) => existsSync(path));
  if (!found)
    throw new Error(`no FerretDB binary in ${cache} (run scripts/stack.sh up, or set BENCH_FERRETDB_BIN)`);
  return found;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startPrivateFerretDb(): Promise<PrivateFerretDb> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ferretdb-'));
  const port = await freePort();
  const child = spawn(
    findBinary(),
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--state-dir=-',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `mongodb://127.0.0.1:${port}/`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited (${child.exitCode}) at start`);
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      break;
    } catch (error) {
      if (attempt > 60) throw error;
      await sleep(250);
    } finally {
      await client.close();
    }
  }
  return {
    pid: child.pid!,
    url,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      live.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
