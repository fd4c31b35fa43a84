// The real accounts-service as a child process: its own main.ts (from source, with the tsx loader this
// process runs under), the environment scripts/app.sh gives it, free ports for PORT and OPS_PORT, and a
// fresh signing key. Resolves once /readyz answers 200 (Mongo, Redis and Kafka reachable).
import { generateKeyPairSync } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { sleep } from './env.js';
import { freePort } from './ports.js';

export interface AccountsProcess {
  pid: number;
  url: string;
  opsUrl: string;
  stop(): Promise<void>;
}

export interface AccountsEnv {
  mongoUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  /** Topic names, consumer group and Redis prefix of this run, so nothing shared is touched. */
  userEventsTopic: string;
  partyEventsTopic: string;
  consumerGroup: string;
  redisKeyPrefix: string;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startAccountsProcess(
  env: AccountsEnv,
  readyTimeoutMs = 120_000,
): Promise<AccountsProcess> {
  const port = await freePort();
  const opsPort = await freePort();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const main = fileURLToPath(new URL('../../accounts-service/src/main.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, main], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      OPS_PORT: String(opsPort),
      HOST: '127.0.0.1',
      OPS_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MONGO_URL: env.mongoUrl,
      REDIS_URL: env.redisUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_USER_EVENTS_TOPIC: env.userEventsTopic,
      KAFKA_PARTY_EVENTS_TOPIC: env.partyEventsTopic,
      KAFKA_CONSUMER_GROUP: env.consumerGroup,
      REDIS_KEY_PREFIX: env.redisKeyPrefix,
      PUBLIC_URL: 'http://localhost:5173',
      DEV_SIGNIN: 'true',
      TRUST_PROXY: '1',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_KEY_ID: `bench-${port}`,
    },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`accounts-service exited (${child.exitCode}) at start`);
    const ready = await fetch(`${opsUrl}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`accounts-service was not ready within ${readyTimeoutMs / 1000} s`);
    }
    await sleep(250);
  }
  return {
    pid: child.pid!,
    url,
    opsUrl,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      live.delete(child);
    },
  };
}
