// The shape of the outage tests: events of a few parties flow before, during and after a cut of the
// projection's store (through a TcpProxy); the test then waits for the copy to hold the latest state of
// every party and reports the timeline.
import { randomUUID } from 'node:crypto';
import { makeEvent, type PartyEvent } from '@partyline/contracts';
import type { Publisher } from '@partyline/events';
import { rawKafka, waitFor } from './stack.js';
import type { TcpProxy } from './tcp-proxy.js';

export interface Latest {
  version: number;
  name: string;
}

export interface OutageTimeline {
  published: PartyEvent[];
  latest: Map<string, Latest>;
  cutAt: number;
  restoredAt: number;
}

/**
 * Publishes one rename of a random party every `everyMs`: `beforeMs` of them, then cuts the proxy for
 * `outageMs` (still publishing), restores it and publishes for `afterMs` more.
 */
export async function publishThroughOutage(opts: {
  publisher: Publisher;
  topic: string;
  proxy: TcpProxy;
  parties?: number;
  everyMs?: number;
  beforeMs?: number;
  outageMs?: number;
  afterMs?: number;
}): Promise<OutageTimeline> {
  const { publisher, topic, proxy } = opts;
  const partyIds = Array.from({ length: opts.parties ?? 12 }, () => randomUUID());
  const latest = new Map<string, Latest>();
  const published: PartyEvent[] = [];
  const publishFor = async (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const partyId = partyIds[Math.floor(Math.random() * partyIds.length)]!;
      const version = (latest.get(partyId)?.version ?? 0) + 1;
      const name = `name ${version}`;
      const event = makeEvent(
        'PartyUpdated',
        { partyId, name },
        {
          aggregateId: partyId,
          aggregateVersion: version,
          producer: 'events-test',
          correlationId: randomUUID(),
        },
      );
      await publisher.publish(topic, [event]);
      latest.set(partyId, { version, name });
      published.push(event);
      await new Promise((r) => setTimeout(r, opts.everyMs ?? 100));
    }
  };
  await publishFor(opts.beforeMs ?? 2000);
  await proxy.cut();
  const cutAt = Date.now();
  await publishFor(opts.outageMs ?? 20_000);
  await proxy.restore();
  const restoredAt = Date.now();
  await publishFor(opts.afterMs ?? 1000);
  return { published, latest, cutAt, restoredAt };
}

/** Waits until `read` returns the latest state of every party; resolves with when that was first seen. */
export async function waitForConvergence(
  timeline: OutageTimeline,
  read: () => Promise<Map<string, Latest>>,
  timeoutMs = 45_000,
): Promise<number> {
  await waitFor(
    'the copy to hold the latest state of every party',
    async () => {
      const copy = await read();
      for (const [id, want] of timeline.latest) {
        const got = copy.get(id);
        if (got?.version !== want.version || got.name !== want.name) return false;
      }
      return true;
    },
    timeoutMs,
  );
  return Date.now();
}

/** Messages on a topic (the sum of its partitions' high watermarks). */
export async function messageCount(topic: string): Promise<number> {
  const admin = rawKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The retry log lines of the runner, compact: "p0 #1 0/+212, p0 #2 230/+390, …". */
export function retryTimeline(lines: { obj: object }[]): string {
  return lines
    .map((l) => l.obj as { partition: number; retry: number; waitingMs: number; nextInMs: number })
    .map((o) => `p${o.partition} #${o.retry} ${o.waitingMs}/+${o.nextInMs}`)
    .join(', ');
}
