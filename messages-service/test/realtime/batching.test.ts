// Coalesced deliveries (issue 17, realtime/batching.ts): events bound for one connection in one turn leave as
// one `batch` packet, in order, on whichever instance they were emitted; an isolated event goes at once and
// alone; clients that did not ask for batches get one packet per event. Frames are counted on the client's
// engine.io socket (one engine.io message packet per WebSocket frame), never by timing.
import { ServerEventSchemas, type BatchedServerEvent } from '@partyline/contracts';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createTwoInstanceWorld, type Gateway, type World } from './support/world.js';
import { eventually, nextEvent, request, type TestClient } from './support/wait.js';

/** The socket.io packets (engine.io message frames) the client receives from now on, as sent. */
function frames(client: TestClient): string[] {
  const seen: string[] = [];
  client.io.engine.on('packet', (packet) => {
    if (packet.type === 'message' && typeof packet.data === 'string') seen.push(packet.data);
  });
  return seen;
}

/** Every event the client's app would see, batches unpacked, in arrival order. */
function dispatched(client: TestClient): BatchedServerEvent[] {
  const seen: BatchedServerEvent[] = [];
  client.onAny((event: string, ...args: unknown[]) => {
    if (event === 'batch') seen.push(...(args[0] as BatchedServerEvent[]));
    else seen.push([event, args[0]] as BatchedServerEvent);
  });
  return seen;
}

/** A round trip on the socket: whatever was sent to it before has arrived once the ack is back. */
const roundTrip = (client: TestClient) => request(client, 'sync', { cursors: [] });

const isEvent = (frame: string) => frame.startsWith('2[');

describe('coalesced deliveries', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;
  let bounded: Gateway;
  let patient: Gateway;
  const registry = new Registry();

  beforeAll(async () => {
    ({ world, one, two } = await createTwoInstanceWorld());
    one.realtime.registerMetrics(registry);
    bounded = await world.startGateway({ batching: { maxEvents: 4 } });
    // A window far longer than any wait below: an event that waited for it would never arrive in time.
    patient = await world.startGateway({ batching: { maxDelayMs: 10 * 60_000 } });
  });
  afterAll(() => world.close());

  const topicId = '00000000-0000-4000-8000-0000000000aa';
  const readUpdates = (gateway: Gateway, userId: string, seqs: number[]) => {
    // Synchronously, as a group commit or a busy turn would produce them.
    for (const seq of seqs) gateway.realtime.notifier.readUpdated(userId, { topicId, seq });
  };
  const expected = (seqs: number[]) => seqs.map((seq) => ['read:updated', { topicId, seq }]);

  it('when several events for a socket are emitted in one turn, they arrive as one batch frame in order', async () => {
    const user = world.user('batched');
    const client = await world.connectAs(one, user, { batch: true });
    const seen = frames(client);
    const batch = nextEvent(client, 'batch');

    readUpdates(one, user.id, [1, 2, 3]);

    const events = await batch;
    expect(events).toEqual(expected([1, 2, 3]));
    expect(ServerEventSchemas.batch.parse(events)).toEqual(events);
    await roundTrip(client);
    expect(seen.filter(isEvent)).toEqual([
      `2["batch",[${expected([1, 2, 3])
        .map((e) => JSON.stringify(e))
        .join(',')}]]`,
    ]);
    // Operators see how much is coalesced: one packet of three events so far on this instance.
    const metrics = await registry.metrics();
    expect(metrics).toContain('realtime_batch_events_count 1');
    expect(metrics).toContain('realtime_batch_events_sum 3');
  });

  it('when one event is emitted alone, it arrives at once as a plain frame, not after a batching window', async () => {
    const user = world.user('isolated');
    const client = await world.connectAs(patient, user, { batch: true });
    const seen = frames(client);

    const received = nextEvent(client, 'read:updated');
    readUpdates(patient, user.id, [7]);

    expect(await received).toEqual({ topicId, seq: 7 });
    expect(seen.filter(isEvent)).toEqual([`2["read:updated",${JSON.stringify({ topicId, seq: 7 })}]`]);
  });

  it('when the events come from another instance through Redis, they are batched too, in order', async () => {
    const user = world.user('remote');
    const client = await world.connectAs(one, user, { batch: true });
    const seen = frames(client);
    const events = dispatched(client);
    const seqs = Array.from({ length: 20 }, (_, i) => i + 1);

    readUpdates(two, user.id, seqs);

    await eventually(() => events.length >= seqs.length, 5_000, 'all 20 read:updated');
    expect(events).toEqual(expected(seqs));
    const eventFrames = seen.filter(isEvent);
    expect(eventFrames.length).toBeLessThan(seqs.length);
    expect(eventFrames.some((frame) => frame.startsWith('2["batch",'))).toBe(true);
  });

  it('when more events than a batch may carry are emitted at once, they are cut into bounded batches', async () => {
    const user = world.user('bounded');
    const client = await world.connectAs(bounded, user, { batch: true });
    const seen = frames(client);
    const events = dispatched(client);
    const seqs = Array.from({ length: 10 }, (_, i) => i + 1);

    readUpdates(bounded, user.id, seqs);
    await eventually(() => events.length >= seqs.length, 5_000, 'all 10 read:updated');
    await roundTrip(client);

    expect(events).toEqual(expected(seqs));
    const batches = seen
      .filter(isEvent)
      .map((frame) => (JSON.parse(frame.slice(1)) as [string, unknown[]])[1].length);
    expect(batches).toEqual([4, 4, 2]);
  });

  it('when a client did not ask for batches, it gets one frame per event', async () => {
    const user = world.user('plain');
    const client = await world.connectAs(one, user);
    const seen = frames(client);
    const events = dispatched(client);

    readUpdates(one, user.id, [1, 2, 3]);
    await eventually(() => events.length >= 3, 5_000, 'three read:updated');
    await roundTrip(client);

    expect(events).toEqual(expected([1, 2, 3]));
    expect(seen.filter(isEvent)).toHaveLength(3);
    expect(seen.some((frame) => frame.startsWith('2["batch"'))).toBe(false);
  });

  it('when a batching member reconnects, sync and the live batches together give every message once, in order', async () => {
    const alice = world.user('alice');
    const bob = world.user('bob');
    const { topic } = await createParty(one.services, alice, [bob]);
    const send = (n: number) =>
      one.services.messages.send(alice, { topicId: topic.id, body: `m${n}`, nonce: `nonce-converge-${n}` });
    await send(1);
    const away = await world.connectAs(two, bob, { batch: true });
    const before = dispatched(away);
    await Promise.all([2, 3].map(send));
    await eventually(() => before.filter(([name]) => name === 'message:created').length === 2);
    away.disconnect();

    // Missed while away.
    await Promise.all([4, 5, 6].map(send));

    const back = await world.connectAs(two, bob, { batch: true });
    const live = dispatched(back);
    const synced = await request(back, 'sync', { cursors: [{ topicId: topic.id, lastSeq: 3 }] });
    // Sent after the reconnect, concurrently: emitted in seq order, coalesced where they meet.
    await Promise.all([7, 8, 9, 10, 11].map(send));
    await eventually(() => live.filter(([name]) => name === 'message:created').length >= 5);

    if (!synced.ok) throw new Error(`sync failed: ${synced.error.code}`);
    const [result] = synced.topics;
    if (!result || 'gap' in result) throw new Error('expected the missed messages, not a gap');
    const liveSeqs = live.flatMap(([name, payload]) =>
      name === 'message:created' && payload.topicId === topic.id ? [payload.seq] : [],
    );
    expect(result.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(liveSeqs).toEqual([7, 8, 9, 10, 11]);
  });
});
