// Prometheus metrics of the consumers a service runs, under the names deploy/monitoring/alerts.yml reads.
// Values are read at scrape time from each consumer's stats() snapshot and, for lag, from the broker, so
// nothing on the hot path counts anything twice.
import { Counter, Gauge, type Registry } from 'prom-client';

import type { ConsumerHandle, EventBusClient, EventsLogger, OutboxRelay } from './types.js';

export interface WatchedConsumer {
  groupId: string;
  topic: string;
  /** Undefined while the consumer has not started yet (it starts in the background). */
  handle(): ConsumerHandle | undefined;
}

export interface ConsumerMetricsOptions {
  client: EventBusClient;
  consumers: readonly WatchedConsumer[];
  logger?: EventsLogger;
}

/** Registers the events_consumer_* metrics on the service's registry. */
export function registerConsumerMetrics(registry: Registry, options: ConsumerMetricsOptions): void {
  const { client, consumers, logger } = options;
  const labelsOf = (c: WatchedConsumer) => ({ group: c.groupId, topic: c.topic });
  // Counters mirror the consumer's own totals since start: reset and set to the snapshot at each scrape.
  type Stats = ReturnType<ConsumerHandle['stats']>;
  const mirror = (pick: (s: Stats) => number) =>
    function (this: Counter<'group' | 'topic'>) {
      this.reset();
      for (const c of consumers) this.inc(labelsOf(c), pick(c.handle()?.stats() ?? emptyStats));
    };
  const labelNames = ['group', 'topic'] as const;
  new Counter({
    name: 'events_consumer_applied_total',
    help: 'Events applied by this consumer since it started',
    labelNames,
    registers: [registry],
    collect: mirror((s) => s.applied),
  });
  new Counter({
    name: 'events_consumer_dead_lettered_total',
    help: 'Events this consumer sent to the dead-letter topic',
    labelNames,
    registers: [registry],
    collect: mirror((s) => s.deadLettered),
  });
  new Counter({
    name: 'events_consumer_transient_retries_total',
    help: 'Retries after a transient failure (store or broker away)',
    labelNames,
    registers: [registry],
    collect: mirror((s) => s.transientRetries),
  });
  new Gauge({
    name: 'events_consumer_waiting_partitions',
    help: 'Partitions paused, waiting to retry a transient failure',
    labelNames: ['group', 'topic'],
    registers: [registry],
    collect() {
      for (const c of consumers) this.set(labelsOf(c), c.handle()?.stats().waitingPartitions.length ?? 0);
    },
  });
  new Gauge({
    name: 'events_consumer_lag_messages',
    help: 'Events of the topic the group has not committed yet, per partition (read from the broker)',
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      if (!client.consumerLag) return;
      this.reset();
      for (const c of consumers) {
        try {
          for (const { partition, lag } of await client.consumerLag(c.groupId, c.topic)) {
            this.set({ ...labelsOf(c), partition: String(partition) }, lag);
          }
        } catch (error) {
          // The broker is away: no lag series this scrape, rather than a stale one or a failed scrape.
          logger?.warn(
            { err: error, group: c.groupId, topic: c.topic },
            'consumer lag: broker not reachable',
          );
        }
      }
    },
  });
}

const emptyStats = {
  applied: 0,
  deadLettered: 0,
  transientRetries: 0,
  failedRetries: 0,
  waitingPartitions: [],
};

/**
 * Registers the events_outbox_* metrics of one relay (`relay` names it: 'pg-outbox', or
 * 'mongo-outbox:<collection>'). The backlog is read at scrape time; a store that does not answer leaves
 * the gauges out of that scrape rather than failing it.
 */
export function registerOutboxMetrics(
  registry: Registry,
  options: { relay: string; handle: OutboxRelay; logger?: EventsLogger },
): void {
  const { relay, handle, logger } = options;
  let last: Promise<{ pending: number; oldestSeconds: number } | undefined> | undefined;
  // Both gauges are read in one scrape: share one backlog query between them.
  const backlog = () =>
    (last ??= handle
      .backlog()
      .catch((error: unknown) => {
        logger?.warn({ err: error, relay }, 'outbox backlog: store not reachable');
        return undefined;
      })
      .finally(() => setTimeout(() => (last = undefined), 1000).unref()));
  new Gauge({
    name: 'events_outbox_pending',
    help: 'Outbox entries not published yet',
    labelNames: ['relay'],
    registers: [registry],
    async collect() {
      this.reset();
      const b = await backlog();
      if (b) this.set({ relay }, b.pending);
    },
  });
  new Gauge({
    name: 'events_outbox_oldest_pending_seconds',
    help: 'Age of the oldest outbox entry not published yet (0 when none)',
    labelNames: ['relay'],
    registers: [registry],
    async collect() {
      this.reset();
      const b = await backlog();
      if (b) this.set({ relay }, b.oldestSeconds);
    },
  });
  new Counter({
    name: 'events_outbox_published_total',
    help: 'Events the relay published since it started',
    labelNames: ['relay'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ relay }, handle.published());
    },
  });
}
