// Prometheus metrics of the group commit (send-batcher.ts): per batch stored, its size, how long its
// statement took and how long emitting its messages took. With the gateway's message:send handling time
// they tell where a slow send waited: behind its topic's previous batch, in the statement, or in the
// fan-out. Created unregistered; the app adds them to its registry with `register`.
import { Histogram, type Registry } from 'prom-client';

import type { WrittenBatch } from './send-batcher.js';

export interface SendMetrics {
  observe(batch: WrittenBatch): void;
  register(registry: Registry): void;
}

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createSendMetrics(): SendMetrics {
  const size = new Histogram({
    name: 'messages_send_batch_size',
    help: 'Sends per group-commit batch stored',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [],
  });
  const statement = new Histogram({
    name: 'messages_send_batch_statement_seconds',
    help: "Time of a send batch's insert statement, from the pool to its result (retries included)",
    buckets: SECONDS,
    registers: [],
  });
  const emit = new Histogram({
    name: 'messages_send_batch_emit_seconds',
    help: "Time to emit a stored batch's messages (local fan-out writes and the adapter's publish)",
    buckets: SECONDS,
    registers: [],
  });
  return {
    observe(batch) {
      size.observe(batch.size);
      statement.observe(batch.statementSeconds);
      emit.observe(batch.emitSeconds);
    },
    register(registry) {
      registry.registerMetric(size);
      registry.registerMetric(statement);
      registry.registerMetric(emit);
    },
  };
}
