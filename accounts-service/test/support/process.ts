// Runs src/main.ts as a real child process (as the orchestrator would), for tests of start-up, shutdown
// and crashes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { generateSigningKey } from '@partyline/auth';
import { MongoClient } from 'mongodb';

import { mongoUrlFor, randomSuffix, stack } from './stack.js';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.tests.json', import.meta.url));

export interface ChildService {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

export function runMain(env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { PATH: process.env['PATH'] ?? '', TSX_TSCONFIG_PATH: tsconfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** A complete environment on the local stack, isolated like testConfig (its own database, topics, group). */
export function processEnv(extra: Record<string, string> = {}): Record<string, string> {
  const id = randomSuffix();
  return {
    PORT: '0',
    OPS_PORT: '0',
    KAFKA_BROKERS: stack.kafkaBrokers,
    REDIS_URL: stack.redisUrl,
    MONGO_URL: mongoUrlFor(`t_accounts_proc_${id}`),
    PUBLIC_URL: 'http://localhost:5173',
    JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem,
    JWT_KEY_ID: `proc-${id}`,
    KAFKA_USER_EVENTS_TOPIC: `t.accounts.user-events.${id}`,
    KAFKA_PARTY_EVENTS_TOPIC: `t.messages.party-events.${id}`,
    KAFKA_CONSUMER_GROUP: `t-accounts-proc-${id}`,
    REDIS_KEY_PREFIX: `t:accounts:proc:${id}:`,
    ...extra,
  };
}

export interface ListeningLine {
  url: string;
  opsUrl: string;
}

/** Waits for the 'accounts-service listening' log line and returns what it names. */
export async function listening(proc: ChildService, timeoutMs = 30_000): Promise<ListeningLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = proc
      .out()
      .split('\n')
      .find((l) => l.includes('accounts-service listening'));
    if (line) return JSON.parse(line) as ListeningLine;
    if (Date.now() > deadline) throw new Error(`did not start: ${proc.out()} ${proc.err()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const client = await MongoClient.connect(url);
  try {
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}
