import { randomUUID } from 'node:crypto';
import { PartyEvent, dltTopic, type PartyEvent as PartyEventType } from '@partyline/contracts';
import { PoisonEventError, runConsumer, type ConsumerHandle, type HandlerContext } from '@partyline/events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allPartyHandlers, partyRenames } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { readTopic } from './helpers/read-topic.js';
import { rawKafka, uniqueName, waitFor, deleteTestTopics } from './helpers/stack.js';

const { logger, client, publisher } = kafkaTestKit('retry-dlt-test');
const retry = { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 };
let running: ConsumerHandle[] = [];

async function consume(
  topic: string,
  groupId: string,
  handle: (e: PartyEventType, ctx: HandlerContext) => Promise<void>,
) {
  const consumer = runConsumer({
    client,
    groupId,
    topic,
    schema: PartyEvent,
    logger,
    retry,
    handlers: allPartyHandlers(handle),
  });
  running.push(consumer);
  await consumer.ready;
  return consumer;
}

afterEach(async () => {
  await Promise.all(running.map((c) => c.stop()));
  running = [];
});
afterAll(async () => {
  await publisher.disconnect();
  await deleteTestTopics();
});

describe('consumer runner', () => {
  it('when a handler throws once, the event is retried and applied once, and a restarted consumer does not get it again', async () => {
    const topic = await freshTopic(client);
    const groupId = uniqueName('g');
    const [event] = partyRenames(randomUUID(), 1);
    const applied: string[] = [];
    const attempts: number[] = [];
    const first = await consume(topic, groupId, async (e, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt === 1) throw new Error('database briefly unavailable');
      applied.push(e.eventId);
    });

    await publisher.publish(topic, [event!]);
    await waitFor('the event applied', () => applied.length === 1);
    expect(attempts).toEqual([1, 2]);
    await first.stop();

    // The offset was committed: a new member of the group starts after the event.
    const marker = partyRenames(randomUUID(), 1);
    await consume(topic, groupId, async (e) => void applied.push(e.eventId));
    await publisher.publish(topic, marker);
    await waitFor('the marker applied', () => applied.includes(marker[0]!.eventId));
    expect(applied).toEqual([event!.eventId, marker[0]!.eventId]);
  });

  it('when an undecodable message precedes 100 events on its partition, it lands in the DLT with its origin and the 100 are applied', async () => {
    const topic = await freshTopic(client);
    const partyId = randomUUID();
    const events = partyRenames(partyId, 100);
    const producer = rawKafka().producer();
    await producer.connect();
    // Same key as the events, so the same partition, and first in it.
    const [sent] = await producer.send({ topic, acks: -1, messages: [{ key: partyId, value: '{not json' }] });
    await producer.disconnect();
    await publisher.publish(topic, events);

    const applied: number[] = [];
    await consume(topic, uniqueName('g'), async (e) => void applied.push(e.aggregateVersion));

    await waitFor('100 events applied', () => applied.length === 100);
    expect(applied).toEqual(events.map((e) => e.aggregateVersion));
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(dead?.key).toBe(partyId);
    expect(dead?.value).toBe('{not json');
    expect(dead?.headers).toMatchObject({
      'dlt-source-topic': topic,
      'dlt-source-partition': String(sent!.partition),
      'dlt-source-offset': '0',
    });
    expect(dead?.headers['dlt-error']).toMatch(/^undecodable/);
  });

  it('when a tombstone (null value) is on the topic, it is skipped without a DLT entry', async () => {
    const topic = await freshTopic(client, 1);
    const partyId = randomUUID();
    const producer = rawKafka().producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: partyId, value: null }] });
    await producer.disconnect();
    const [event] = partyRenames(partyId, 1);
    await publisher.publish(topic, [event!]);

    const applied: string[] = [];
    await consume(topic, uniqueName('g'), async (e) => void applied.push(e.eventId));
    await waitFor('the event applied', () => applied.length === 1);
    expect(
      logger.lines.filter(
        (l) => l.msg === 'sending event to the DLT' && JSON.stringify(l.obj).includes(topic),
      ),
    ).toEqual([]);
  });

  it('when an event does not match its schema, it goes to the DLT without calling a handler', async () => {
    const topic = await freshTopic(client, 1);
    const [good] = partyRenames(randomUUID(), 1);
    const bad = { ...good!, eventId: randomUUID(), data: { partyId: 'not-a-uuid', name: '' } };
    await publisher.publish(topic, [bad, good!]);

    const applied: string[] = [];
    await consume(topic, uniqueName('g'), async (e) => void applied.push(e.eventId));

    await waitFor('the valid event applied', () => applied.length === 1);
    expect(applied).toEqual([good!.eventId]);
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(JSON.parse(dead!.value!).eventId).toBe(bad.eventId);
    expect(dead?.headers['dlt-error']).toMatch(/^schema-invalid/);
    expect(dead?.headers['event-id']).toBe(bad.eventId);
  });

  it('when a handler keeps failing, the event goes to the DLT after the configured attempts and the next one is applied', async () => {
    const topic = await freshTopic(client, 1);
    const [doomed, next] = partyRenames(randomUUID(), 2);
    const tries: number[] = [];
    const applied: string[] = [];
    await consume(topic, uniqueName('g'), async (e, ctx) => {
      if (e.eventId === doomed!.eventId) {
        tries.push(ctx.attempt);
        throw new Error('constraint violated');
      }
      applied.push(e.eventId);
    });
    await publisher.publish(topic, [doomed!, next!]);

    await waitFor('the next event applied', () => applied.length === 1);
    expect(tries).toEqual([1, 2, 3]);
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(dead?.headers).toMatchObject({
      'dlt-attempts': '3',
      'event-id': doomed!.eventId,
      'dlt-source-offset': '0',
    });
    expect(dead?.headers['dlt-error']).toBe('failed 3 times: constraint violated');
  });

  it('when a handler throws PoisonEventError, the event goes to the DLT at once', async () => {
    const topic = await freshTopic(client, 1);
    const [poison, next] = partyRenames(randomUUID(), 2);
    const tries: string[] = [];
    await consume(topic, uniqueName('g'), async (e) => {
      tries.push(e.eventId);
      if (e.eventId === poison!.eventId) throw new PoisonEventError('refers to a party that never existed');
    });
    await publisher.publish(topic, [poison!, next!]);

    await waitFor('both events seen', () => tries.length === 2);
    expect(tries).toEqual([poison!.eventId, next!.eventId]);
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(dead?.headers).toMatchObject({
      'dlt-attempts': '1',
      'dlt-error': 'poison: refers to a party that never existed',
    });
  });
});
