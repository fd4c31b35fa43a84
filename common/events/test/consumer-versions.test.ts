import { randomUUID } from 'node:crypto';
import {
  PartyEvent,
  UserEvent,
  dltTopic,
  makeEvent,
  type AnyEvent,
  type PartyEvent as PartyEventType,
  type UserEvent as UserEventType,
} from '@partyline/contracts';
import { runConsumer, type ConsumerHandle } from '@partyline/events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allPartyHandlers } from './helpers/events.js';
import { freshTopic, kafkaTestKit } from './helpers/kafka.js';
import { readTopic } from './helpers/read-topic.js';
import { deleteTestTopics, uniqueName, waitFor } from './helpers/stack.js';

// Producers are deployed one at a time, so a consumer meets events of a newer schemaVersion than it
// knows. Through the real runner: additive ones are applied in the shape the handlers know, others
// are dead-lettered.
const { logger, client, publisher } = kafkaTestKit('versions-test');
let running: ConsumerHandle[] = [];

afterEach(async () => {
  await Promise.all(running.map((c) => c.stop()));
  running = [];
});
afterAll(async () => {
  await publisher.disconnect();
  await deleteTestTopics();
});

const meta = (aggregateId: string, aggregateVersion: number) => ({
  aggregateId,
  aggregateVersion,
  producer: 'newer-producer',
  correlationId: randomUUID(),
});

/** What a producer one version ahead writes: schemaVersion 2 and fields this code does not know. */
const fromNewerProducer = <E extends AnyEvent>(event: E, addedData: Record<string, unknown>): AnyEvent => ({
  ...event,
  schemaVersion: 2,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { ...(event.data as object), ...addedData },
});

const dltLines = (topic: string) =>
  logger.lines.filter((l) => l.msg === 'sending event to the DLT' && JSON.stringify(l.obj).includes(topic));

describe('consumer runner, events of a newer schema version', () => {
  it('when a newer producer publishes a UserUpdated v2 with extra fields, the handler gets the v1 UserUpdated and nothing is dead-lettered', async () => {
    const topic = await freshTopic(client, 1, 't.user-events');
    const userId = randomUUID();
    const current = makeEvent(
      'UserUpdated',
      {
        userId,
        username: 'ada',
        displayName: 'Ada Lovelace',
        avatarUrl: null,
        createdAt: '2026-01-15T10:00:00.000Z',
      },
      meta(userId, 2),
    );
    const after = makeEvent('UserDeleted', { userId }, meta(userId, 3));
    await publisher.publish(topic, [fromNewerProducer(current, { pronouns: 'she/her' }), after]);

    const seen: UserEventType[] = [];
    const record = async (e: UserEventType) => void seen.push(e);
    running.push(
      runConsumer({
        client,
        groupId: uniqueName('g'),
        topic,
        schema: UserEvent,
        logger,
        handlers: { UserRegistered: record, UserUpdated: record, UserDeleted: record },
      }),
    );

    await waitFor('both events applied', () => seen.length === 2);
    expect(seen).toEqual([current, after]);
    expect(dltLines(topic)).toEqual([]);
  });

  it('when a newer producer publishes a MemberJoined v2 that adds fields and a PartyUpdated v2 that renamed one, the first is applied and the second dead-lettered', async () => {
    const topic = await freshTopic(client, 1);
    const partyId = randomUUID();
    const joined = makeEvent(
      'MemberJoined',
      { partyId, partyName: 'Board games', userId: randomUUID(), role: 'member' },
      meta(partyId, 3),
    );
    const renamed = makeEvent('PartyUpdated', { partyId, name: 'Card games' }, meta(partyId, 4));
    const { name, ...withoutName } = renamed.data;
    const incompatible = fromNewerProducer({ ...renamed, data: withoutName }, { title: name });
    const after = makeEvent('PartyDeleted', { partyId }, meta(partyId, 5));
    await publisher.publish(topic, [
      fromNewerProducer(joined, { invitedBy: randomUUID() }),
      incompatible,
      after,
    ]);

    const seen: PartyEventType[] = [];
    running.push(
      runConsumer({
        client,
        groupId: uniqueName('g'),
        topic,
        schema: PartyEvent,
        logger,
        handlers: allPartyHandlers(async (e) => void seen.push(e)),
      }),
    );

    await waitFor('the two applicable events applied', () => seen.length === 2);
    expect(seen).toEqual([joined, after]);
    const [dead] = await readTopic(dltTopic(topic), 1);
    expect(JSON.parse(dead!.value!)).toEqual(incompatible);
    expect(dead?.headers['schema-version']).toBe('2');
    expect(dead?.headers['dlt-error']).toMatch(/^schema-invalid: /);
    expect(dead?.headers['dlt-error']).toContain(
      'PartyUpdated: v2 is newer than v1, the latest known, and is not an additive change of it',
    );
  });
});
