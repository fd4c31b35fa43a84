// 3. Idle sockets: N idle authenticated sockets on one messages-service instance (users in parties of
// BENCH_IDLE_PARTY_SIZE, so each socket sits in its user room and its party room, as in real use), opened by
// separate client processes; the server's memory (two full GCs, then process.memoryUsage()) before and after,
// per socket, against a bare socket.io server holding the same N sockets in rooms of the same size.
import { execSync } from 'node:child_process';

import { spawnChild, startServer, type Child } from '../lib/children.js';
import type { HandshakeAuth } from '../lib/clients.js';
import { intEnv, sleep } from '../lib/env.js';
import { groupOf, seedGroups } from '../lib/seed.js';
import type { ServerSpec } from '../lib/server-host.js';
import { kib, machineNote, mib, table, verdict } from '../lib/stats.js';
import { createBenchWorld } from '../lib/world.js';

interface SideResult {
  sockets: number;
  connectSeconds: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  rssPerSocket: number;
  heapPerSocket: number;
}

export interface IdleResult {
  requested: number;
  sockets: number;
  fdLimit: number;
  partySize: number;
  bare: SideResult;
  app: SideResult;
  rssRatio: number;
  heapRatio: number;
  target: string;
  met: boolean;
  load: string;
}

/** Descriptors the server needs besides its sockets (stdio, pools, Redis, Kafka, the listener, epoll). */
const SERVER_FD_HEADROOM = 200;

function openFilesLimit(): number {
  return Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || 1024;
}

export async function main(): Promise<IdleResult> {
  const requested = intEnv('BENCH_IDLE_SOCKETS', 5_000);
  const partySize = Math.max(1, intEnv('BENCH_IDLE_PARTY_SIZE', 10));
  const settleMs = intEnv('BENCH_IDLE_SETTLE_SECONDS', 3) * 1000;
  const PER_CLIENT_PROCESS = Math.max(1, intEnv('BENCH_IDLE_PER_PROCESS', 10_000));
  // The server holds one descriptor per socket; this container's hard limit cannot be raised (no
  // CAP_SYS_RESOURCE), so N stops just below it.
  const fdLimit = openFilesLimit();
  const count = Math.min(requested, fdLimit - SERVER_FD_HEADROOM);
  console.log(
    `idle: ${count.toLocaleString('en-US')} sockets` +
      (count < requested
        ? ` (asked for ${requested.toLocaleString('en-US')}; open-files limit ${fdLimit})`
        : '') +
      `, parties of ${partySize}, ${Math.ceil(count / PER_CLIENT_PROCESS)} client process(es)`,
  );

  const world = await createBenchWorld();
  try {
    const users = await seedGroups(world.db, count, partySize);
    const { rows: parties } = await world.db.pool.query<{ party_id: string; user_id: string }>(
      'SELECT party_id, user_id FROM members',
    );
    const partyOf = new Map(parties.map((row) => [row.user_id, row.party_id]));
    const signing = Date.now();
    const auths: HandshakeAuth[] = users.map((user, i) =>
      world.handshake(user, partyOf.get(user.id) ?? String(groupOf(i, partySize))),
    );
    console.log(
      `  ${auths.length.toLocaleString('en-US')} ES256 tokens signed in ${((Date.now() - signing) / 1000).toFixed(1)} s`,
    );

    const measure = async (name: string, spec: ServerSpec): Promise<SideResult> => {
      const server = await startServer(spec);
      const clients: Child[] = [];
      try {
        // Start-up garbage first: settle, collect, and read twice.
        await sleep(2000);
        await server.memory();
        const before = await server.memory();
        for (let i = 0; i < auths.length; i += PER_CLIENT_PROCESS)
          clients.push(await spawnChild('./idle-clients.ts', {}));
        const started = Date.now();
        const replies = await Promise.all(
          clients.map((client, k) =>
            client.request<{ connected?: number; error?: string }>(
              'connect',
              {
                url: server.url,
                auths: auths.slice(k * PER_CLIENT_PROCESS, (k + 1) * PER_CLIENT_PROCESS),
                inFlight: 50,
              },
              600_000,
            ),
          ),
        );
        const failed = replies.find((reply) => reply.error);
        if (failed) throw new Error(`${name}: ${failed.error}`);
        const connectSeconds = (Date.now() - started) / 1000;
        await sleep(settleMs);
        await server.memory();
        const after = await server.memory();
        const sockets = await server.clientsCount();
        const result: SideResult = {
          sockets,
          connectSeconds,
          before,
          after,
          rssPerSocket: (after.rss - before.rss) / sockets,
          heapPerSocket: (after.heapUsed + after.external - before.heapUsed - before.external) / sockets,
        };
        console.log(
          `  ${name.padEnd(16)}: ${sockets.toLocaleString('en-US')} sockets in ${connectSeconds.toFixed(1)} s; ` +
            `RSS ${mib(before.rss)} → ${mib(after.rss)}, heap+external ${mib(before.heapUsed + before.external)} → ${mib(after.heapUsed + after.external)}`,
        );
        return result;
      } finally {
        await Promise.all(clients.map((client) => client.stop()));
        await server.stop();
      }
    };

    const bare = await measure('bare socket.io', { kind: 'bare' });
    const app = await measure('messages-service', world.appSpec());
    const rssRatio = app.rssPerSocket / bare.rssPerSocket;
    const heapRatio = app.heapPerSocket / bare.heapPerSocket;
    table([
      ['server', 'sockets', 'RSS/socket', 'heap+external/socket', 'connect time'],
      [
        'bare socket.io',
        bare.sockets,
        kib(bare.rssPerSocket),
        kib(bare.heapPerSocket),
        `${bare.connectSeconds.toFixed(1)} s`,
      ],
      [
        'messages-service',
        app.sockets,
        kib(app.rssPerSocket),
        kib(app.heapPerSocket),
        `${app.connectSeconds.toFixed(1)} s`,
      ],
    ]);
    // Judged on heap + external after full GCs (what the sockets retain); RSS also counts free heap pages the
    // process happened to hold already, which favours whichever server started with the larger heap.
    const met = heapRatio <= 1.3 && app.sockets >= 20_000;
    console.log(
      `  per-socket ratio app/bare: heap+external ${heapRatio.toFixed(2)} (target ≤ 1.3 at ≥ 20,000 sockets), RSS ${rssRatio.toFixed(2)}: ` +
        `${verdict(met)}${app.sockets < 20_000 ? ` (only ${app.sockets.toLocaleString('en-US')} sockets measured)` : ''}; ${machineNote()}`,
    );
    return {
      requested,
      sockets: app.sockets,
      fdLimit,
      partySize,
      bare,
      app,
      rssRatio,
      heapRatio,
      target: '≥ 20,000 sockets, heap+external per socket ≤ 1.3× bare',
      met,
      load: machineNote(),
    };
  } finally {
    await world.cleanup();
  }
}
