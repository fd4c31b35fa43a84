// The readiness checks: PostgreSQL, Redis and that a Kafka broker accepts TCP. /healthz and /readyz are the
// shared routes of @partyline/http, served on the ops port (ops-app.ts).
import { connect } from 'node:net';

import type { ReadinessCheck } from '@partyline/http';

import type { Queryable } from '../db/pool.js';

export type { ReadinessCheck };

const postgresCheck =
  (db: Queryable): ReadinessCheck =>
  async () => {
    await db.query('SELECT 1');
  };

const redisCheck =
  (redis: { ping(): Promise<unknown> }): ReadinessCheck =>
  async () => {
    await redis.ping();
  };

/** Ready when any broker accepts a TCP connection. */
const kafkaCheck =
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
