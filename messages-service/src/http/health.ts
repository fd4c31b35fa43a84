// Liveness, readiness and metrics. /readyz checks PostgreSQL, Redis and that a Kafka broker accepts TCP.
import { connect } from 'node:net';

import { Router } from 'express';
import type { Registry } from 'prom-client';

import type { Queryable } from '../db/pool.js';

export type ReadinessCheck = () => Promise<void>;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);

export const postgresCheck =
  (db: Queryable): ReadinessCheck =>
  async () => {
    await db.query('SELECT 1');
  };

export const redisCheck =
  (redis: { ping(): Promise<unknown> }): ReadinessCheck =>
  async () => {
    await redis.ping();
  };

/** Ready when any broker accepts a TCP connection. */
export const kafkaCheck =
  (brokers: string[]): ReadinessCheck =>
  async () => {
    const attempts = brokers.map(
      (broker) =>
        new Promise<void>((resolve, reject) => {
          const [host, port] = broker.split(':');
          const socket = connect({ host: host ?? '127.0.0.1', port: Number(port ?? 9092) });
          socket.once('connect', () => {
            socket.destroy();
            resolve();
          });
          socket.once('error', (error) => {
            socket.destroy();
            reject(error);
          });
        }),
    );
    await Promise.any(attempts);
  };

/** The readiness checks of the service's stores and broker. */
export const healthCheckers = (deps: {
  pool: Queryable;
  redis: { ping(): Promise<unknown> };
  kafkaBrokers: string[];
}): Record<string, ReadinessCheck> => ({
  postgres: postgresCheck(deps.pool),
  redis: redisCheck(deps.redis),
  kafka: kafkaCheck(deps.kafkaBrokers),
});

export function healthRouter(checks: Record<string, ReadinessCheck>, metrics: Registry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.contentType);
    res.send(await metrics.metrics());
  });
  return router;
}
