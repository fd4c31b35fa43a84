// Live messages of a busy topic, over two instances: each instance emits a topic's `message:created` in seq
// order, so a client that holds an early message back briefly (the reorder window) sees every message once,
// in order, and almost never needs a sync.
import type { Message } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  initialReorderState,
  nextDeadline,
  receive,
  synced,
  tick,
  type ReorderStep,
} from './support/reorder.js';
import { eventually, request, type TestClient } from './support/wait.js';
import {
  createParty,
  createTwoInstanceWorld,
  type Gateway,
  type TestUser,
  type World,
} from './support/world.js';

const SENDERS = 50;
const PER_SENDER = 100;
const TOTAL = SENDERS * PER_SENDER;

/** A member who only reads, running the client's reorder window on the topic's live messages. */
function startReceiver(client: TestClient, topicId: string) {
  const state = initialReorderState<Message>();
  const delivered: Message[] = [];
  const arrivals: { seq: number; origin: string }[] = [];
  let syncs = 0;
  let timer: NodeJS.Timeout | undefined;

  const apply = (step: ReorderStep<Message>) => {
    delivered.push(...step.delivered);
    if (step.sync) {
      syncs += 1;
      void request(client, 'sync', { cursors: [{ topicId, lastSeq: state.last }] }).then((reply) => {
        const topic = reply.ok ? reply.topics.find((t) => t.topicId === topicId) : undefined;
        const messages = topic && 'messages' in topic ? topic.messages : [];
        apply(synced(state, messages, Date.now()));
      });
    }
    schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    const deadline = nextDeadline(state);
    if (deadline !== undefined && !state.syncing) {
      timer = setTimeout(() => apply(tick(state, Date.now())), Math.max(0, deadline - Date.now()));
    }
  };
  client.on('message:created', (message) => {
    if (message.topicId !== topicId) return;
    arrivals.push({ seq: message.seq, origin: message.nonce.split('-')[0] ?? '?' });
    apply(receive(state, message, Date.now()));
  });

  return {
    delivered,
    get syncs() {
      return syncs;
    },
    /** Arrivals with a lower seq than one that came before, among all or among one instance's emits. */
    outOfOrder(origin?: string) {
      let max = 0;
      let count = 0;
      for (const arrival of arrivals) {
        if (origin !== undefined && arrival.origin !== origin) continue;
        if (arrival.seq < max) count += 1;
        max = Math.max(max, arrival.seq);
      }
      return count;
    },
    stop: () => clearTimeout(timer),
  };
}

describe('live message order across two instances', () => {
  let world: World;
  let one: Gateway;
  let two: Gateway;

  beforeAll(async () => {
    // The senders are the test itself, far faster than people: no send limit in the way.
    ({ world, one, two } = await createTwoInstanceWorld({
      sendLimit: { points: 1_000_000, windowSeconds: 1 },
    }));
  });
  afterAll(() => world.close());

  it(`when ${SENDERS} members send ${PER_SENDER} messages each at once through both instances, every receiver gets each once, in order, with syncs under 1 %`, async () => {
    const owner = world.user('owner');
    const senders = Array.from({ length: SENDERS }, (_, i) => world.user(`sender${i}`));
    const readers = Array.from({ length: 4 }, (_, i) => world.user(`reader${i}`));
    const { topic } = await createParty(one.services, owner, [...senders, ...readers]);

    const gatewayOf = (i: number) =>
      i % 2 === 0 ? { gateway: one, name: 'one' } : { gateway: two, name: 'two' };
    const receivers = await Promise.all(
      readers.map(async (reader, i) => ({
        instance: gatewayOf(i).name,
        ...startReceiver(await world.connectAs(gatewayOf(i).gateway, reader), topic.id),
      })),
    );
    const senderClients = await Promise.all(
      senders.map(async (sender: TestUser, i) => {
        const { gateway, name } = gatewayOf(i);
        return { client: await world.connectAs(gateway, sender), name };
      }),
    );

    const started = performance.now();
    const ackMs: number[] = [];
    await Promise.all(
      senderClients.map(async ({ client, name }, s) => {
        for (let i = 0; i < PER_SENDER; i++) {
          const sentAt = performance.now();
          const reply = await request(
            client,
            'message:send',
            { topicId: topic.id, body: `s${s} #${i}`, nonce: `${name}-sender${s}-message${i}` },
            20_000,
          );
          ackMs.push(performance.now() - sentAt);
          if (!reply.ok) throw new Error(`send failed: ${reply.error.code}`);
        }
      }),
    );
    const sendSeconds = (performance.now() - started) / 1000;

    await eventually(
      () => receivers.every((r) => r.delivered.length >= TOTAL),
      15_000,
      'every receiver delivered every message',
    );
    for (const r of receivers) r.stop();

    ackMs.sort((a, b) => a - b);
    const percentile = (p: number) =>
      ackMs[Math.min(ackMs.length - 1, Math.floor(p * ackMs.length))]!.toFixed(1);
    const report = receivers.map((r) => ({
      receiverOn: r.instance,
      outOfOrder: r.outOfOrder(),
      outOfOrderFromOne: r.outOfOrder('one'),
      outOfOrderFromTwo: r.outOfOrder('two'),
      syncs: r.syncs,
    }));
    console.warn(
      `ordering: ${TOTAL} messages in ${sendSeconds.toFixed(1)} s (${Math.round(TOTAL / sendSeconds)}/s), ` +
        `ack p50 ${percentile(0.5)} ms p99 ${percentile(0.99)} ms\n` +
        report.map((line) => JSON.stringify(line)).join('\n'),
    );

    for (const r of receivers) {
      expect(r.delivered.map((m) => m.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
      expect(new Set(r.delivered.map((m) => m.id)).size).toBe(TOTAL);
      expect(r.syncs).toBeLessThan(TOTAL / 100);
    }
    // What the fix guarantees: each instance's own emits of the topic arrive in seq order.
    for (const line of report) {
      expect(line.outOfOrderFromOne).toBe(0);
      expect(line.outOfOrderFromTwo).toBe(0);
    }
  }, 90_000);
});
