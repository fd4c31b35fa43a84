// Transient failures, without a real outage: a handler that throws a real "connection refused" keeps its
// partition paused and uncommitted while the other partitions flow, and stop() ends the wait at once.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { PartyEvent, dltTopic } from '@partyline/contracts';
import { runConsumer, type ConsumerHandle } from '@partyline/events';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { messageCount } from './helpers/outage.js';
import { deleteTestTopics, rawKafka, uniqueName, waitFor } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('transient-test');
let running: ConsumerHandle[] = [];

afterEach(async () => {
  await Promise.all(running.map((c) => c.stop()));
  running = [];
});
afterAll(async () => {
  await publisher.disconnect();
  await deleteTestTopics();
});

/** The error pg gives when nothing listens on the database's port. */
async function connectionRefused(): Promise<unknown> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x' }).connect().then(
    () => {
      throw new Error('connected?');
    },
    (error: unknown) => error,
  );
}

/** Sends the events to one partition each: party A's to 0, party B's to 1. */
async function sendTo(topic: string, byPartition: [number, ReturnType<typeof partyRenames>][]) {
  const producer = rawKafka().producer();
  await producer.connect();
  for (const [partition, events] of byPartition)
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((e) => ({ partition, key: e.aggregateId, value: JSON.stringify(e) })),
    });
  await producer.disconnect();
}

async function committed(groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = rawKafka().admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(offsets!.partitions.map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

describe('consumer runner, transient failures', () => {
  it('when a handler fails transiently, its partition waits (paused, uncommitted) while the others flow, and applies once the failure is over', async () => {
    const topic = await freshTopic(client, 2);
    const groupId = uniqueName('g');
    const refused = await connectionRefused();
    const a = partyRenames(randomUUID(), 1);
    const b = partyRenames(randomUUID(), 5);
    let healthy = false;
    const applied: string[] = [];
    const consumer = runConsumer({
      client,
      groupId,
      topic,
      schema: PartyEvent,
      logger,
      retry: { attempts: 2, transient: { initialDelayMs: 50, maxDelayMs: 400 } },
      handlers: allPartyHandlers(async (e) => {
        if (e.aggregateId === a[0]!.aggregateId && !healthy)
          throw new Error('could not apply', { cause: refused });
        applied.push(e.eventId);
      }),
    });
    running.push(consumer);
    await consumer.ready;
    await sendTo(topic, [
      [0, a],
      [1, b],
    ]);

    await waitFor('party B applied', () => applied.length === 5);
    // Far more retries than `attempts`: transient ones do not count towards the DLT.
    await waitFor('party A retried', () => consumer.stats().transientRetries >= 6);
    expect(applied).toEqual(b.map((e) => e.eventId));
    expect(consumer.stats().waitingPartitions).toEqual([0]);
    expect(await committed(groupId, topic)).toEqual({ 0: '-1', 1: '5' });

    healthy = true;
    await waitFor('party A applied', () => applied.includes(a[0]!.eventId));
    await waitFor('its offset committed', async () => (await committed(groupId, topic))[0] === '1');
    expect(applied.filter((id) => id === a[0]!.eventId)).toHaveLength(1);
    expect(consumer.stats()).toMatchObject({ deadLettered: 0, waitingPartitions: [] });
    expect(await messageCount(dltTopic(topic))).toBe(0);
    expect(
      logger.lines.some((l) => l.msg === 'transient failure over; event applied, partition moving on'),
    ).toBe(true);
  });

  it('when the consumer is stopped while a partition waits out a transient failure, stop() returns promptly and nothing is committed', async () => {
    const topic = await freshTopic(client, 1);
    const groupId = uniqueName('g');
    const refused = await connectionRefused();
    const consumer = runConsumer({
      client,
      groupId,
      topic,
      schema: PartyEvent,
      logger,
      // Long backoffs: stop() must not wait for them.
      retry: { transient: { initialDelayMs: 20_000, maxDelayMs: 20_000 } },
      handlers: allPartyHandlers(async () => {
        throw refused;
      }),
    });
    await consumer.ready;
    await publisher.publish(topic, partyRenames(randomUUID(), 1));
    await waitFor('a transient retry', () => consumer.stats().transientRetries >= 1);

    const started = Date.now();
    await consumer.stop();
    const took = Date.now() - started;
    console.info(`[transient] stop() while waiting took ${took} ms`);
    expect(took).toBeLessThan(5000);
    expect(await committed(groupId, topic)).toEqual({ 0: '-1' });
  });
});
