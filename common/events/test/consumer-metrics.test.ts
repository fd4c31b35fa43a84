import { randomUUID } from 'node:crypto';

import { PartyEvent } from '@partyline/contracts';
import { registerConsumerMetrics, runConsumer, type ConsumerHandle } from '@partyline/events';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';

import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { deleteTestTopics, uniqueName, waitFor } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('metrics-test');
let consumer: ConsumerHandle | undefined;

afterAll(async () => {
  await consumer?.stop();
  await publisher.disconnect();
  await deleteTestTopics();
});

const value = async (registry: Registry, name: string, labels: Record<string, string>) => {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const match = metric?.values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return match?.reduce((sum, v) => sum + v.value, 0);
};

describe('registerConsumerMetrics', () => {
  it('when a group applied some events and another never ran, then applied counts and per-partition lag say so', async () => {
    const topic = await freshTopic(client, 2);
    const working = uniqueName('g-working');
    const idle = uniqueName('g-idle');
    const registry = new Registry();
    registerConsumerMetrics(registry, {
      client,
      logger,
      consumers: [
        { groupId: working, topic, handle: () => consumer },
        { groupId: idle, topic, handle: () => undefined },
      ],
    });
    const events = [...partyRenames(randomUUID(), 3), ...partyRenames(randomUUID(), 2)];
    await publisher.publish(topic, events);

    let applied = 0;
    consumer = runConsumer({
      client,
      groupId: working,
      topic,
      schema: PartyEvent,
      logger,
      handlers: allPartyHandlers(async () => {
        applied++;
      }),
    });
    await consumer.ready;
    await waitFor('five events applied', () => applied === 5, 20_000);

    expect(await value(registry, 'events_consumer_applied_total', { group: working })).toBe(5);
    expect(await value(registry, 'events_consumer_dead_lettered_total', { group: working })).toBe(0);
    expect(await value(registry, 'events_consumer_applied_total', { group: idle })).toBe(0);
    // The idle group has committed nothing: every event of the topic is lag, spread over its partitions.
    expect(await value(registry, 'events_consumer_lag_messages', { group: idle })).toBe(5);
    // The working group commits after applying; its lag drains to zero.
    await waitFor(
      'the working group to commit everything',
      async () => (await value(registry, 'events_consumer_lag_messages', { group: working })) === 0,
      20_000,
    );
    const text = await registry.metrics();
    expect(text).toContain(`events_consumer_lag_messages{group="${idle}",topic="${topic}",partition="0"}`);
  });
});
