// The readiness checks: PostgreSQL, Redis, that a Kafka broker accepts TCP, and the attachments' object
// storage when one is configured. /healthz and /readyz are the
// shared routes of @partyline/http, served on the ops port (ops-app.ts).
import { connect } from 'node:net';

import type { ReadinessCheck } from '@partyline/http';

import type { ObjectStore } from '../attachments/object-store.js';
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

/**
 * The bucket answers a signed request: a HEAD of a key that never exists is a 404 (null), which needs the
 * storage up and our credentials accepted; a refusal or no answer throws.
 */
const objectStoreCheck =
  (store: Pick<ObjectStore, 'head'>): ReadinessCheck =>
  async () => {
    await store.head('readyz/probe');
  };

/** The readiness checks of the service's stores and broker. */
export const healthCheckers = (deps: {
  pool: Queryable;
  redis: { ping(): Promise<unknown> };
  kafkaBrokers: string[];
  /** null: no object storage configured (uploads answer 503), so nothing to check. */
  objectStore?: Pick<ObjectStore, 'head'> | null;
}): Record<string, ReadinessCheck> => ({
  postgres: postgresCheck(deps.pool),
  redis: redisCheck(deps.redis),
  kafka: kafkaCheck(deps.kafkaBrokers),
  ...(deps.objectStore ? { objectStore: objectStoreCheck(deps.objectStore) } : {}),
});
