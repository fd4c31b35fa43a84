// 1. Fan-out: delivered messages/s of the real messages-service (ES256 handshake, PostgreSQL transaction per
// send, broadcast through the sharded Redis adapter) against a bare socket.io broadcast server, both driven
// by the same load generator: N clients in one party/room, M of them sending with a window of W acks.
import { startServer } from '../lib/children.js';
import { closeAll, connectAll } from '../lib/clients.js';
import { intEnv } from '../lib/env.js';
import { measureThroughput, type ThroughputResult } from '../lib/load.js';
import { seedParty } from '../lib/seed.js';
import { machineNote, rate, table, verdict } from '../lib/stats.js';
import type { ServerSpec } from '../lib/server-host.js';
import { createBenchWorld } from '../lib/world.js';

export interface FanoutResult {
  clients: number;
  senders: number;
  window: number;
  bare: ThroughputResult;
  app: ThroughputResult;
  ratio: number;
  /** The app's highest sustained send rate with `clients` members: what the latency benchmark halves. */
  appMaxSendRate: number;
  target: string;
  met: boolean;
  load: string;
}

export async function main(): Promise<FanoutResult> {
  const clients = intEnv('BENCH_FANOUT_CLIENTS', 100);
  const senders = Math.min(clients, intEnv('BENCH_FANOUT_SENDERS', 10));
  const window = intEnv('BENCH_FANOUT_WINDOW', 4);
  const measureMs = intEnv('BENCH_FANOUT_SECONDS', 5) * 1000;
  const warmupMs = intEnv('BENCH_FANOUT_WARMUP_SECONDS', 2) * 1000;
  const rounds = Math.max(1, intEnv('BENCH_FANOUT_ROUNDS', 2));
  console.log(
    `fan-out: ${clients} clients in one party, ${senders} senders × window ${window}, ${measureMs / 1000} s × ${rounds} rounds`,
  );

  const world = await createBenchWorld();
  try {
    const party = await seedParty(world.db, clients);
    const auths = party.members.map((user) => world.handshake(user, party.partyId));
    const runs: Record<'bare' | 'app', ThroughputResult[]> = { bare: [], app: [] };
    const specs: Record<'bare' | 'app', ServerSpec> = { bare: { kind: 'bare' }, app: world.appSpec() };
    // Interleaved, so that a burst of load from elsewhere on the machine hits both sides alike.
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['bare', 'app'] as const) {
        const server = await startServer(specs[kind]);
        const sockets = await connectAll(server.url, auths);
        try {
          const result = await measureThroughput({
            senders: sockets.slice(0, senders),
            receivers: sockets,
            topicId: party.topicId,
            window,
            warmupMs,
            measureMs,
            serverCpuMicros: () => server.cpuMicros(),
          });
          runs[kind].push(result);
          console.log(
            `  round ${round + 1} ${kind.padEnd(4)}: ${rate(result.deliveriesPerSecond)} deliveries, ${rate(result.sendsPerSecond)} sends; ` +
              `CPU server ${result.serverCores?.toFixed(2)}, load generator ${result.loadgenCores.toFixed(2)} cores` +
              (result.failedAcks > 0 ? `, ${result.failedAcks} failed acks` : ''),
          );
        } finally {
          closeAll(sockets);
          await server.stop();
        }
      }
    }
    // The best round of each: the capacity each side showed when the shared machine let it.
    const best = (list: ThroughputResult[]) =>
      list.reduce((a, b) => (b.deliveriesPerSecond > a.deliveriesPerSecond ? b : a));
    const bare = best(runs.bare);
    const app = best(runs.app);
    const ratio = app.deliveriesPerSecond / bare.deliveriesPerSecond;
    const met = ratio >= 0.5;
    const cores = (r: ThroughputResult) =>
      `${r.serverCores?.toFixed(2) ?? '?'} / ${r.loadgenCores.toFixed(2)}`;
    table([
      ['server', 'deliveries/s', 'sends/s', 'CPU cores server / load generator'],
      ['bare socket.io', rate(bare.deliveriesPerSecond), rate(bare.sendsPerSecond), cores(bare)],
      ['messages-service', rate(app.deliveriesPerSecond), rate(app.sendsPerSecond), cores(app)],
    ]);
    console.log(`  ratio app/bare = ${ratio.toFixed(3)} (target ≥ 0.5): ${verdict(met)}; ${machineNote()}`);
    return {
      clients,
      senders,
      window,
      bare,
      app,
      ratio,
      appMaxSendRate: app.sendsPerSecond,
      target: 'app/bare deliveries ≥ 0.5',
      met,
      load: machineNote(),
    };
  } finally {
    await world.cleanup();
  }
}
