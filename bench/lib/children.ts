// The parent's side of the child processes: a server under test (lib/server-host.ts) or a batch of idle
// clients (lib/idle-clients.ts). Children run with the same tsx loader and --expose-gc, are killed when the
// parent exits, and answer requests over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { ServerSpec } from './server-host.js';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Child {
  pid: number;
  request<T>(type: string, extra?: object, timeoutMs?: number): Promise<T>;
  /** Asks the child to close, then kills it if it has not exited within a few seconds. */
  stop(): Promise<void>;
  onMessage(listener: (message: Record<string, unknown>) => void): void;
}

export function spawnChild(
  entry: string,
  env: Record<string, string>,
  readyTimeoutMs = 120_000,
): Promise<Child & { ready: Record<string, unknown> }> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    execArgv: [...process.execArgv, '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  let nextId = 1;
  const pending = new Map<number, (message: Record<string, unknown>) => void>();
  const listeners: ((message: Record<string, unknown>) => void)[] = [];
  child.on('message', (message: Record<string, unknown>) => {
    const id = message['id'];
    if (typeof id === 'number' && pending.has(id)) {
      pending.get(id)!(message);
      pending.delete(id);
    } else for (const listener of listeners) listener(message);
  });
  const handle: Child = {
    pid: child.pid!,
    request<T>(type: string, extra: object = {}, timeoutMs = 60_000) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`child ${child.pid}: no answer to ${type}`)),
          timeoutMs,
        );
        pending.set(id, (message) => {
          clearTimeout(timer);
          resolve(message as T);
        });
        child.send({ id, type, ...extra });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([handle.request('close', {}, 20_000).catch(() => undefined), exited]);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    onMessage: (listener) => listeners.push(listener),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${entry} was not ready within ${readyTimeoutMs / 1000} s`));
    }, readyTimeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`child ${entry} exited (${code}) before it was ready`));
    };
    child.once('exit', onExit);
    const onReady = (message: Record<string, unknown>) => {
      if (message['ready'] !== true) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onReady);
      resolve({ ...handle, ready: message });
    };
    child.on('message', onReady);
  });
}

export interface ServerUnderTest {
  url: string;
  pid: number;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server process's CPU time so far (user + system), in microseconds. */
  cpuMicros(): Promise<number>;
  clientsCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(spec: ServerSpec, readyTimeoutMs?: number): Promise<ServerUnderTest> {
  const child = await spawnChild(
    './server-host.ts',
    { BENCH_SERVER_SPEC: JSON.stringify(spec) },
    readyTimeoutMs,
  );
  return {
    url: String(child.ready['url']),
    pid: child.pid,
    memory: async () => (await child.request<{ memory: NodeJS.MemoryUsage }>('memory')).memory,
    cpuMicros: async () => {
      const { cpu } = await child.request<{ cpu: NodeJS.CpuUsage }>('cpu');
      return cpu.user + cpu.system;
    },
    clientsCount: async () => (await child.request<{ count: number }>('count')).count,
    stop: () => child.stop(),
  };
}
