// messages-service as production runs it: its own OS process started from its entry point
// (messages-service/src/main.ts, from source with the tsx loader this process runs under, as
// accounts-process.ts does for accounts-service), configured only through the environment scripts/app.sh
// gives it. The bench talks to it through its public port (REST, socket.io) and reads its CPU and memory
// from /proc; with `inspect` it also opens the V8 inspector on a loopback port, so that the idle-socket
// benchmark can ask for a full GC before reading the heap (lib/inspector.ts), as it does of the baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { ORIGIN, sleep } from './env.js';
import { freePort } from './ports.js';

export interface ServiceEnv {
  postgresUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  jwksUrl: string;
  instanceId?: string;
  /** Names the service may learn to read from its environment (see bench/README.md); ignored today. */
  redisKeyPrefix?: string;
}

export interface ServiceProcess {
  pid: number;
  url: string;
  opsUrl: string;
  /** The V8 inspector's port, when started with `inspect`. */
  inspectPort?: number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Attachments stay off (no S3_BUCKET): nothing of the shared stack's object storage is touched. */
function withoutObjectStorage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('S3_')));
}

export async function startServiceProcess(
  env: ServiceEnv,
  options: { inspect?: boolean; readyTimeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const port = await freePort();
  const opsPort = await freePort();
  const inspectPort = options.inspect ? await freePort() : undefined;
  const main = fileURLToPath(new URL('../../messages-service/src/main.ts', import.meta.url));
  const execArgv = [
    ...process.execArgv.filter((arg) => !arg.startsWith('--inspect')),
    ...(inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${inspectPort}`]),
    // For profiling the service alone, e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
    ...(process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...execArgv, main], {
    // Its log (stdout) only when asked for with BENCH_LOG_LEVEL; stderr always.
    stdio: ['ignore', process.env['BENCH_LOG_LEVEL'] ? 'inherit' : 'ignore', 'inherit'],
    env: {
      ...withoutObjectStorage(process.env),
      PORT: String(port),
      OPS_PORT: String(opsPort),
      HOST: '127.0.0.1',
      OPS_HOST: '127.0.0.1',
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'error',
      POSTGRES_URL: env.postgresUrl,
      REDIS_URL: env.redisUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      JWKS_URL: env.jwksUrl,
      ALLOWED_ORIGINS: ORIGIN,
      ...(env.instanceId === undefined ? {} : { INSTANCE_ID: env.instanceId }),
      ...(env.redisKeyPrefix === undefined ? {} : { REDIS_KEY_PREFIX: env.redisKeyPrefix }),
    },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const deadline = Date.now() + readyTimeoutMs;
  // /healthz, not /readyz: readiness includes the Kafka broker, which the bench keeps out of reach.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`messages-service exited (${child.exitCode}) at start`);
    const up = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`messages-service did not answer /healthz within ${readyTimeoutMs / 1000} s`);
    }
    await sleep(200);
  }
  return {
    pid: child.pid!,
    url,
    opsUrl,
    ...(inspectPort === undefined ? {} : { inspectPort }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      live.delete(child);
    },
  };
}
