// Where the local stack is, and the size knobs of the benchmarks (all from the environment, with defaults
// small enough for `npx tsx bench/run.ts` to finish in a few minutes).
import { randomBytes } from 'node:crypto';

export const stack = {
  postgresUrl:
    process.env['PARTYLINE_POSTGRES_URL'] ?? 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  redisUrl: process.env['PARTYLINE_REDIS_URL'] ?? 'redis://127.0.0.1:56379',
  kafkaBrokers: (process.env['PARTYLINE_KAFKA_BROKERS'] ?? '127.0.0.1:59092').split(','),
};

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return Math.floor(value);
}

/** A short random name part for databases, key prefixes, topics and groups of one run. */
export const runId = (): string => randomBytes(4).toString('hex');

export const ORIGIN = 'http://bench.partyline.test';
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
