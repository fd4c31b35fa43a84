// A private redis-server (no persistence, a free loopback port) for the black-box benchmark: the service
// cannot be given a key/channel prefix from its environment, and with the sharded adapter in "static" mode
// every broadcast travels on one channel per prefix, so on the shared Redis the bench's broadcasts would
// reach the lead's running app (and theirs ours). A server of our own also makes its CPU ours alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient } from 'redis';

import { sleep } from './env.js';
import { freePort } from './ports.js';

export interface PrivateRedis {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const port = await freePort();
  const binary = process.env['BENCH_REDIS_BIN'] ?? 'redis-server';
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${binary} exited (${child.exitCode}) at start`);
    const client = createClient({ url, RESP: 2 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.close();
      break;
    } catch (error) {
      await client.close().catch(() => undefined);
      if (attempt > 80) throw error;
      await sleep(100);
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
