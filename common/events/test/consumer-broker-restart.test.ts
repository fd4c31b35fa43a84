// Item: after a broker restart the copies must not lag. A private single-node broker (never the shared
// one) is SIGKILLed under a running consumer and started again on the same ports and data: from the
// moment it answers metadata again, a newly published event must be applied within 10 s.
import { randomUUID } from 'node:crypto';
import { PartyEvent } from '@partyline/contracts';
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  runConsumer,
  type ConsumerHandle,
  type Publisher,
} from '@partyline/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { createPrivateKafka, type PrivateKafka } from './helpers/private-kafka.js';
import { recordingLogger, uniqueName, waitFor } from './helpers/stack.js';

const logger = recordingLogger();
let kafka: PrivateKafka;
let publisher: Publisher | undefined;
let consumer: ConsumerHandle | undefined;

beforeAll(async () => {
  kafka = await createPrivateKafka();
  await kafka.start();
}, 120_000);
afterAll(async () => {
  await consumer?.stop().catch(() => undefined);
  await publisher?.disconnect().catch(() => undefined);
  await kafka?.destroy();
}, 60_000);

describe('a consumer whose broker is killed and restarted', () => {
  it('applies a new event within 10 s of the broker answering again', async () => {
    const client = createKafkaClient({ brokers: kafka.brokers, clientId: 'broker-restart-test', logger });
    const topic = uniqueName('t.party-events');
    await ensureTopics(client, [{ name: topic, partitions: 3, compacted: false }]);
    const applied = new Map<string, number>();
    let fatal: unknown;
    consumer = runConsumer({
      client,
      groupId: uniqueName('g'),
      topic,
      schema: PartyEvent,
      logger,
      onFatal: (error) => (fatal = error),
      handlers: allPartyHandlers(async (e) => void applied.set(e.eventId, Date.now())),
    });
    await consumer.ready;
    publisher = createPublisher(client);
    const [before] = partyRenames(randomUUID(), 1);
    await publisher.publish(topic, [before!]);
    await waitFor('the first event applied', () => applied.has(before!.eventId));

    await kafka.kill();
    const killedAt = Date.now();
    // Down long enough for the consumer to notice (its fetch and heartbeats fail).
    await new Promise((r) => setTimeout(r, 3000));
    await kafka.start();
    const answeringAt = Date.now();

    const [after] = partyRenames(randomUUID(), 1);
    await publisher.publish(topic, [after!]);
    const ackedAt = Date.now();
    await waitFor('the event after the restart applied', () => applied.has(after!.eventId), 60_000);
    const appliedAt = applied.get(after!.eventId)!;
    const convergence = appliedAt - answeringAt;
    console.info(
      `[broker-restart] down ${answeringAt - killedAt} ms (kill to answering metadata); ` +
        `publish acked ${ackedAt - answeringAt} ms after; event applied ${convergence} ms after the broker answered`,
    );
    expect(fatal).toBeUndefined();
    expect(convergence).toBeLessThan(10_000);
  }, 150_000);
});
