// Issue 16.3: a 3-broker KRaft cluster (scripts/stack.sh cluster-up kafka), topics with replication
// factor 3 and min.insync.replicas 2, producers with acks -1. One broker is SIGKILLed while two
// publishers (the two services' shape: one topic each) publish and two consumer groups consume: no event
// is lost, none is applied twice (version-guarded, as the projections do), and the copies converge.
// Runs only with PARTYLINE_TEST_KAFKA_CLUSTER=1 (`make test-kafka-cluster`); the default run leaves it out (vitest.config.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { PartyEvent } from '@partyline/contracts';
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  runConsumer,
  type ConsumerHandle,
  type Publisher,
} from '@partyline/events';
import { afterAll, describe, expect, it } from 'vitest';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { recordingLogger, uniqueName, waitFor } from './helpers/stack.js';

const enabled = process.env['PARTYLINE_TEST_KAFKA_CLUSTER'] === '1';
const brokers = (process.env['PARTYLINE_KAFKA_CLUSTER_BROKERS'] ?? '').split(',').filter(Boolean);
const root = resolve(__dirname, '../../..');
const logger = recordingLogger();
const handles: { stop(): Promise<unknown> }[] = [];
const publishers: Publisher[] = [];

afterAll(async () => {
  await Promise.allSettled(handles.map((h) => h.stop()));
  await Promise.allSettled(publishers.map((p) => p.disconnect()));
  // Bring the killed broker back (same data dir; it catches up as a follower).
  if (enabled)
    execFileSync('bash', [resolve(root, 'scripts/stack.sh'), 'cluster-up', 'kafka'], { stdio: 'ignore' });
}, 180_000);

describe('a 3-broker Kafka cluster losing a broker under load', () => {
  it('loses no event, applies none twice, and the copies converge', async () => {
    const client = createKafkaClient({
      brokers,
      clientId: 'kafka-cluster-test',
      logger,
      replication: { replicationFactor: 3, minInsyncReplicas: 2 },
      retry: { retries: 20, initialRetryTimeMs: 200, maxRetryTimeMs: 2_000 },
    });
    const topics = [uniqueName('t.user-events'), uniqueName('t.party-events')];
    await ensureTopics(
      client,
      topics.map((name) => ({ name, partitions: 3, compacted: false })),
    );
    // Per topic: the copy (aggregate -> version), effects applied per eventId, raw deliveries.
    const copies = topics.map(() => new Map<string, number>());
    const effects = topics.map(() => new Map<string, number>());
    let deliveries = 0;
    const fatal: unknown[] = [];
    for (const [i, topic] of topics.entries()) {
      const consumer: ConsumerHandle = runConsumer({
        client,
        groupId: uniqueName(`g${i}`),
        topic,
        schema: PartyEvent,
        logger,
        onFatal: (error) => fatal.push(error),
        handlers: allPartyHandlers(async (e) => {
          deliveries += 1;
          const copy = copies[i]!;
          if ((copy.get(e.aggregateId) ?? 0) >= e.aggregateVersion) return; // the version guard
          copy.set(e.aggregateId, e.aggregateVersion);
          effects[i]!.set(e.eventId, (effects[i]!.get(e.eventId) ?? 0) + 1);
        }),
      });
      handles.push(consumer);
      await consumer.ready;
    }

    // 20 aggregates per topic, 30 versions each, published in order per aggregate, one event at a time.
    const aggregates = topics.map(() => Array.from({ length: 20 }, () => randomUUID()));
    const events = aggregates.map((ids) => ids.map((id) => partyRenames(id, 30)));
    const sent = topics.map(() => new Set<string>());
    let killedAt = 0;
    const publishAll = async (i: number) => {
      const publisher = createPublisher(client);
      publishers.push(publisher);
      for (let v = 0; v < 30; v++) {
        for (const perAggregate of events[i]!) {
          const event = perAggregate[v]!;
          await publisher.publish(topics[i]!, [event]);
          sent[i]!.add(event.eventId);
        }
        if (v === 10 && i === 0 && killedAt === 0) {
          // kill -9 the broker that is not the first bootstrap address
          const pid = Number(readFileSync(resolve(root, '.stack/run/kafka-cluster-2.pid'), 'utf8'));
          process.kill(pid, 'SIGKILL');
          killedAt = Date.now();
        }
      }
    };
    const started = Date.now();
    await Promise.all(topics.map((_, i) => publishAll(i)));
    const publishedAt = Date.now();
    await waitFor('every event applied', () => effects.every((m, i) => m.size === sent[i]!.size), 120_000);
    const convergedAt = Date.now();

    const lost = topics.map((_, i) => [...sent[i]!].filter((id) => !effects[i]!.has(id)).length);
    const twice = effects.map((m) => [...m.values()].filter((n) => n > 1).length);
    console.info(
      `[kafka-cluster] ${sent[0]!.size + sent[1]!.size} events; broker 2 killed ${killedAt - started} ms in; ` +
        `all acked ${publishedAt - started} ms; converged ${convergedAt - killedAt} ms after the kill; ` +
        `lost ${lost.join('/')}, applied twice ${twice.join('/')}, deliveries ${deliveries}`,
    );
    expect(killedAt).toBeGreaterThan(0);
    expect(fatal).toEqual([]);
    expect(lost).toEqual([0, 0]);
    expect(twice).toEqual([0, 0]);
    for (const [i, ids] of aggregates.entries()) {
      for (const id of ids) expect(copies[i]!.get(id)).toBe(30);
    }
  }, 240_000);
});
