// 2. Latency: send → receipt by every member of a 100-member topic, at half of the app's highest sustained
// send rate (from the fan-out benchmark in the same run, or a short probe of its own). Open loop, so a
// server that falls behind shows as latency. The bare server at the same rate is printed for reference.
import { startServer } from '../lib/children.js';
import { closeAll, connectAll } from '../lib/clients.js';
import { intEnv } from '../lib/env.js';
import { measureLatency, measureThroughput } from '../lib/load.js';
import { seedParty } from '../lib/seed.js';
import type { ServerSpec } from '../lib/server-host.js';
import { machineNote, ms, rate, summarize, table, verdict, type Summary } from '../lib/stats.js';
import { createBenchWorld } from '../lib/world.js';

interface SideResult {
  delivery: Summary;
  ack: Summary;
  achievedRate: number;
  missing: number;
  failedAcks: number;
  loadgenLoopDelayP99: number;
}

export interface LatencyResult {
  members: number;
  maxSendRate: number;
  rateSource: string;
  rate: number;
  app: SideResult;
  bare: SideResult;
  target: string;
  met: boolean;
  load: string;
}

export async function main(): Promise<LatencyResult> {
  const members = intEnv('BENCH_LATENCY_MEMBERS', 100);
  const senders = Math.min(members, intEnv('BENCH_LATENCY_SENDERS', 10));
  const measureMs = intEnv('BENCH_LATENCY_SECONDS', 8) * 1000;
  const warmupMs = intEnv('BENCH_LATENCY_WARMUP_SECONDS', 2) * 1000;
  const given = intEnv('BENCH_LATENCY_MAX_RATE', 0);

  const world = await createBenchWorld();
  try {
    const party = await seedParty(world.db, members);
    const auths = party.members.map((user) => world.handshake(user, party.partyId));
    const run = async <T>(
      spec: ServerSpec,
      work: (sockets: Awaited<ReturnType<typeof connectAll>>) => Promise<T>,
    ) => {
      const server = await startServer(spec);
      const sockets = await connectAll(server.url, auths);
      try {
        return await work(sockets);
      } finally {
        closeAll(sockets);
        await server.stop();
      }
    };

    let maxSendRate = given;
    let rateSource = 'BENCH_LATENCY_MAX_RATE (the fan-out benchmark of this run)';
    if (maxSendRate === 0) {
      rateSource = 'own probe: closed loop, 10 senders × window 4, 5 s';
      const probe = await run(world.appSpec(), (sockets) =>
        measureThroughput({
          senders: sockets.slice(0, 10),
          receivers: sockets,
          topicId: party.topicId,
          window: 4,
          warmupMs: 1000,
          measureMs: 5000,
        }),
      );
      maxSendRate = probe.sendsPerSecond;
    }
    const target = Math.max(1, Math.round(maxSendRate / 2));
    console.log(
      `latency: ${members} members, highest sustained send rate ${rate(maxSendRate)} (${rateSource}); sending at ${rate(target)} from ${senders} senders for ${measureMs / 1000} s`,
    );

    const measure = (spec: ServerSpec) =>
      run(spec, async (sockets) => {
        const result = await measureLatency({
          senders: sockets.slice(0, senders),
          receivers: sockets,
          topicId: party.topicId,
          rate: target,
          warmupMs,
          measureMs,
        });
        return {
          delivery: summarize(result.delivery),
          ack: summarize(result.ack),
          achievedRate: result.achievedRate,
          missing: result.missing,
          failedAcks: result.failedAcks,
          loadgenLoopDelayP99: result.loadgenLoopDelayP99,
        } satisfies SideResult;
      });
    const app = await measure(world.appSpec());
    const bare = await measure({ kind: 'bare' });
    table([
      [
        'server',
        'rate',
        'receipts',
        'p50',
        'p90',
        'p99',
        'max',
        'ack p50',
        'ack p99',
        'missing',
        'client loop p99',
      ],
      ...(
        [
          ['messages-service', app],
          ['bare socket.io', bare],
        ] as const
      ).map(([name, r]) => [
        name,
        rate(r.achievedRate),
        r.delivery.count,
        ms(r.delivery.p50),
        ms(r.delivery.p90),
        ms(r.delivery.p99),
        ms(r.delivery.max),
        ms(r.ack.p50),
        ms(r.ack.p99),
        r.missing,
        ms(r.loadgenLoopDelayP99),
      ]),
    ]);
    const met = app.delivery.p99 <= 25 && app.missing === 0;
    console.log(
      `  app p99 send→receipt = ${ms(app.delivery.p99)} (target ≤ 25 ms): ${verdict(met)}; ${machineNote()}`,
    );
    return {
      members,
      maxSendRate,
      rateSource,
      rate: target,
      app,
      bare,
      target: 'p99 ≤ 25 ms',
      met,
      load: machineNote(),
    };
  } finally {
    await world.cleanup();
  }
}
