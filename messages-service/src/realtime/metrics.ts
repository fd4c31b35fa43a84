// Prometheus metrics of the gateway: connected sockets on this instance and the handling time of each
// client event by outcome. Created unregistered; the app adds them to its registry with `register`.
import { Gauge, Histogram, type Registry } from 'prom-client';

import type { RealtimeServer } from './types.js';

export interface RealtimeMetrics {
  /** Records one handled client event; `outcome` is `ok` or the error code. */
  observe(event: string, outcome: string, seconds: number): void;
  /** Records one packet written by the delivery batcher (batching.ts) carrying `events` events. */
  batchWritten(events: number): void;
  register(registry: Registry): void;
}

export function createRealtimeMetrics(io: RealtimeServer): RealtimeMetrics {
  const sockets = new Gauge({
    name: 'realtime_connected_sockets',
    help: 'Sockets connected to this instance',
    registers: [],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
  const events = new Histogram({
    name: 'realtime_event_duration_seconds',
    help: 'Time to handle a client socket event, by event and outcome',
    labelNames: ['event', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [],
  });
  const batches = new Histogram({
    name: 'realtime_batch_events',
    help: 'Events per packet written to a batching client (1: sent alone)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [],
  });
  return {
    observe: (event, outcome, seconds) => events.observe({ event, outcome }, seconds),
    batchWritten: (count) => batches.observe(count),
    register(registry) {
      registry.registerMetric(sockets);
      registry.registerMetric(events);
      registry.registerMetric(batches);
    },
  };
}
