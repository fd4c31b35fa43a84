// 5. Kafka off the hot path: send latency (send → ack, send → receipt) of messages-service with the broker
// up, stopped (a closed port) and hung (a listener that accepts and never answers), at the same fixed rate.
// While it runs, the party's topic is renamed over REST every 100 ms so the outbox relay always has
// events to publish (or fail to publish): the broker is busy, or broken, for real.
import { createServer, type Server, type Socket } from 'node:net';

import { startServer, type ServerUnderTest } from '../lib/children.js';
import { closeAll, connectAll } from '../lib/clients.js';
import { intEnv, ORIGIN, sleep, stack } from '../lib/env.js';
import { measureLatency } from '../lib/load.js';
import { seedParty } from '../lib/seed.js';
import { machineNote, ms, rate, summarize, table, verdict, type Summary } from '../lib/stats.js';
import { createBenchWorld } from '../lib/world.js';

interface CaseResult {
  broker: string;
  ack: Summary;
  delivery: Summary;
  achievedRate: number;
  missing: number;
  failedAcks: number;
  renames: number;
  /** Outbox rows written during the case that the relay had published by its end. */
  published: number;
  pending: number;
}

export interface KafkaResult {
  factory: string;
  rate: number;
  members: number;
  cases: CaseResult[];
  ratios: { stoppedP99: number; hungP99: number; stoppedP50: number; hungP50: number };
  target: string;
  met: boolean;
  load: string;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

export async function main(): Promise<KafkaResult> {
  const members = intEnv('BENCH_KAFKA_MEMBERS', 20);
  const sendRate = intEnv('BENCH_KAFKA_RATE', 100);
  const measureMs = intEnv('BENCH_KAFKA_SECONDS', 5) * 1000;
  const warmupMs = intEnv('BENCH_KAFKA_WARMUP_SECONDS', 2) * 1000;
  console.log(
    `kafka: ${members} members, ${rate(sendRate)} sends for ${measureMs / 1000} s per case, topic renamed every 100 ms`,
  );

  // A port nobody listens on (taken, then released) and a black hole that accepts and never answers.
  const closed = createServer();
  const closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  const held = new Set<Socket>();
  const blackHole = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => held.delete(socket));
  });
  const blackHolePort = await listen(blackHole);

  const world = await createBenchWorld();
  try {
    const party = await seedParty(world.db, members);
    const auths = party.members.map((user) => world.handshake(user, party.partyId));
    const ownerToken = world.auth.token(party.owner);
    const cases = [
      { broker: 'up', brokers: stack.kafkaBrokers, ensureTopics: true },
      { broker: 'stopped', brokers: [`127.0.0.1:${closedPort}`], ensureTopics: false },
      { broker: 'hung', brokers: [`127.0.0.1:${blackHolePort}`], ensureTopics: false },
      // Up again at the end, so that the baseline brackets the broken runs (drift on a shared machine).
      { broker: 'up again', brokers: stack.kafkaBrokers, ensureTopics: true },
    ];
    const results: CaseResult[] = [];
    // The real factory when it starts without a broker (Kafka off the start-up path too); otherwise the
    // same wiring assembled by lib/composed-service.ts, for every case alike.
    let factory: 'startMessagesService' | 'composed' = 'startMessagesService';
    let factoryNote = 'the real startMessagesService for every case';
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      let server: ServerUnderTest;
      try {
        server =
          factory === 'startMessagesService'
            ? await startServer(
                world.appSpec({ kafkaBrokers: c.brokers, waitForKafka: c.ensureTopics }),
                90_000,
              )
            : await startServer(
                world.appSpec({ kind: 'composed', kafkaBrokers: c.brokers, ensureTopics: c.ensureTopics }),
              );
      } catch (error) {
        if (factory === 'composed') throw error;
        factory = 'composed';
        factoryNote = `startMessagesService did not start with the broker ${c.broker} (${String(error)}); every case used lib/composed-service.ts`;
        console.log(`  ${factoryNote}`);
        results.length = 0;
        i = -1;
        continue;
      }
      const sockets = await connectAll(server.url, auths);
      const { rows: before } = await world.db.pool.query<{ max: number | null }>(
        'SELECT max(id)::int AS max FROM outbox',
      );
      let renaming = true;
      let renames = 0;
      const churn = (async () => {
        while (renaming) {
          const response = await fetch(`${server.url}/api/parties/${party.partyId}/topics/${party.topicId}`, {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${ownerToken}`,
              'content-type': 'application/json',
              origin: ORIGIN,
            },
            body: JSON.stringify({ name: `general-${c.broker}-${renames}` }),
          });
          if (response.ok) renames++;
          await sleep(100);
        }
      })();
      try {
        const result = await measureLatency({
          senders: sockets.slice(0, 5),
          receivers: sockets,
          topicId: party.topicId,
          rate: sendRate,
          warmupMs,
          measureMs,
        });
        renaming = false;
        await churn;
        await sleep(500); // the relay's poll interval, so "published" counts what it could publish
        const { rows } = await world.db.pool.query<{ published: number; pending: number }>(
          `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published,
                  count(*) FILTER (WHERE published_at IS NULL)::int AS pending
             FROM outbox WHERE id > $1`,
          [before[0]?.max ?? 0],
        );
        results.push({
          broker: c.broker,
          ack: summarize(result.ack),
          delivery: summarize(result.delivery),
          achievedRate: result.achievedRate,
          missing: result.missing,
          failedAcks: result.failedAcks,
          renames,
          published: rows[0]?.published ?? 0,
          pending: rows[0]?.pending ?? 0,
        });
      } finally {
        renaming = false;
        closeAll(sockets);
        await server.stop();
      }
    }
    table([
      [
        'broker',
        'rate',
        'ack p50',
        'ack p99',
        'receipt p50',
        'receipt p99',
        'missing',
        'failed',
        'outbox published/pending',
      ],
      ...results.map((r) => [
        r.broker,
        rate(r.achievedRate),
        ms(r.ack.p50),
        ms(r.ack.p99),
        ms(r.delivery.p50),
        ms(r.delivery.p99),
        r.missing,
        r.failedAcks,
        `${r.published}/${r.pending}`,
      ]),
    ]);
    const [up1, stopped, hung, up2] = results as [CaseResult, CaseResult, CaseResult, CaseResult];
    // The baseline is the mean of the two broker-up runs.
    const up = { ack: { p50: (up1.ack.p50 + up2.ack.p50) / 2, p99: (up1.ack.p99 + up2.ack.p99) / 2 } };
    const ratios = {
      stoppedP50: stopped.ack.p50 / up.ack.p50,
      stoppedP99: stopped.ack.p99 / up.ack.p99,
      hungP50: hung.ack.p50 / up.ack.p50,
      hungP99: hung.ack.p99 / up.ack.p99,
    };
    // "Does not change": every send acknowledged, nothing lost, and p99 within 1.5× of the broker-up run
    // (a noise allowance for a shared machine; the relay's failures must not show up on the send path).
    const met = [stopped, hung].every(
      (r) => r.failedAcks === 0 && r.missing === 0 && r.ack.p99 <= 1.5 * up.ack.p99 + 2,
    );
    console.log(
      `  send→ack p99 ratio stopped/up = ${ratios.stoppedP99.toFixed(2)}, hung/up = ${ratios.hungP99.toFixed(2)} ` +
        `(p50: ${ratios.stoppedP50.toFixed(2)}, ${ratios.hungP50.toFixed(2)}); target: unchanged (≤ 1.5× + 2 ms, no failed send): ${verdict(met)}; ${machineNote()}`,
    );
    console.log(`  service: ${factoryNote}`);
    return {
      factory: factoryNote,
      rate: sendRate,
      members,
      cases: results,
      ratios,
      target: 'send latency unchanged with the broker stopped or hung',
      met,
      load: machineNote(),
    };
  } finally {
    for (const socket of held) socket.destroy();
    blackHole.close();
    await world.cleanup();
  }
}
