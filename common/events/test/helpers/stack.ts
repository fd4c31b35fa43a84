import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { EventsLogger } from '@partyline/events';

// The servers of the local stack (scripts/stack.sh writes the same URLs to .stack/stack.env).
export const stack = {
  brokers: process.env.PARTYLINE_KAFKA_BROKERS ?? '127.0.0.1:59092',
  postgresUrl:
    process.env.PARTYLINE_POSTGRES_URL ?? 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  mongoUrl: process.env.PARTYLINE_MONGO_URL ?? 'mongodb://127.0.0.1:57017/partyline',
};

/** A random suffix for this test file's topics, groups and databases. */
export const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A raw kafkajs client, for what tests observe on the broker (DLT contents, committed offsets). */
export const rawKafka = (): Kafka =>
  new Kafka({ clientId: uniqueName('test'), brokers: stack.brokers.split(','), logLevel: logLevel.NOTHING });

/** A logger that keeps what it was given, so tests can assert on warnings and errors. */
export function recordingLogger(): EventsLogger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Creates a PostgreSQL database of its own for a test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName('t_events').replace(/-/g, '_');
  const admin = new pg.Client(stack.postgresUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(stack.postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client(stack.postgresUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const testTopics = new Set<string>();

/** A topic name of this test file, deleted (with its DLT) by `deleteTestTopics` at the end. */
export function testTopic(prefix: string): string {
  const name = uniqueName(prefix);
  testTopics.add(name);
  return name;
}

/** Keeps the shared broker from piling up test topics across runs. */
export async function deleteTestTopics(): Promise<void> {
  const admin = rawKafka().admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [...testTopics].flatMap((t) => [t, `${t}.dlt`]).filter((t) => existing.has(t));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
