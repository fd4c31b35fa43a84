// The black-box benchmark (issue 17.4): messages-service as a separate OS process started from its entry
// point and configured by its environment (lib/service-process.ts), reached only through its public
// protocol (REST for the set-up and history, socket.io for sends and receipts), against the bare socket.io
// baseline in a process of its own (lib/bare-server.ts), both driven by one load generator in a third
// process (lib/generator.ts). Parts, each bounded in count and time (see bench/README.md):
//   steps    fixed-rate steps of offered deliveries/s, bare and app interleaved per step; the knee;
//   two      the same steps with each topic's members spread over two instances behind the Redis adapter,
//            side by side with one instance, interleaved;
//   history  REST history pages at 1,000,000 messages (rows seeded with SQL, pages through the API);
//   idle     19,000 idle sockets: memory per socket of the app vs bare.
// BENCH_QUICK=1 (or --quick) makes every part small enough to run in well under a minute.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import type pg from 'pg';

import type { BenchUser } from '../lib/auth.js';
import { backendPids, createBlackBoxWorld, type BlackBoxWorld } from '../lib/blackbox-world.js';
import { spawnChild, startServer, type Child, type ServerUnderTest } from '../lib/children.js';
import { sleep } from '../lib/env.js';
import type { StepResult } from '../lib/generator.js';
import { heapGrowth, heapSummary, memoryAfterGc, type HeapSummary } from '../lib/inspector.js';
import { processCpuMs } from '../lib/proc-cpu.js';
import {
  HISTORY_CLIENTS,
  HISTORY_MODES,
  type HistoryClient,
  type HistoryMode,
  type HistoryRun,
  type HistoryTimes,
} from '../lib/history-client.js';
import { pooled, rest } from '../lib/rest.js';
import {
  readHistogram,
  sharesLine,
  type HistogramReading,
  type HistogramWindow,
} from '../lib/service-metrics.js';
import { startServiceProcess, type ServiceProcess } from '../lib/service-process.js';
import { kib, machineNote, ms, summarize, table, type Summary } from '../lib/stats.js';

const QUICK = process.env['BENCH_QUICK'] === '1' || process.argv.includes('--quick');

function num(name: string, full: number, quick: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return QUICK ? quick : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

function list(name: string, full: string, quick: string): number[] {
  const raw = process.env[name] || (QUICK ? quick : full);
  return raw
    .split(',')
    .map((item) => Number(item.trim()))
    .filter((value) => Number.isFinite(value) && value > 0);
}

const config = {
  topics: num('BENCH_BB_TOPICS', 10, 2),
  members: num('BENCH_BB_MEMBERS', 100, 50),
  steps: list('BENCH_BB_STEPS', '5000,10000,20000,40000', '2000,5000'),
  twoSteps: list('BENCH_BB_TWO_STEPS', '5000,10000,20000', '2000'),
  warmupMs: num('BENCH_BB_WARMUP_SECONDS', 2, 1) * 1000,
  /** BENCH_BB_WARM_ROUND=0 skips the unrecorded first round of the steps part. */
  warmRound: process.env['BENCH_BB_WARM_ROUND'] !== '0',
  measureMs: num('BENCH_BB_SECONDS', 5, 3) * 1000,
  drainMs: num('BENCH_BB_DRAIN_SECONDS', 5, 3) * 1000,
  settleMs: num('BENCH_BB_SETTLE_SECONDS', 20, 5) * 1000,
  bodyBytes: num('BENCH_BB_BODY_BYTES', 64, 64),
  historyMessages: num('BENCH_BB_HISTORY_MESSAGES', 1_000_000, 100_000),
  historyQueries: num('BENCH_BB_HISTORY_QUERIES', 300, 100),
  idleSockets: num('BENCH_BB_IDLE_SOCKETS', 19_000, 2_000),
  idlePartySize: num('BENCH_BB_IDLE_PARTY_SIZE', 10, 10),
  idleSettleMs: num('BENCH_BB_IDLE_SETTLE_SECONDS', 3, 2) * 1000,
  /** Ask for the `batch` event in the handshake, as the browser client does (BENCH_BB_BATCH=0: not). */
  batch: process.env['BENCH_BB_BATCH'] !== '0',
  parts: (process.env['BENCH_BB_PARTS'] || 'steps,two,history,idle').split(',').map((p) => p.trim()),
  /** The knee: the highest step with p99 ≤ this and every delivery made. */
  kneeP99Ms: 50,
};

// ---------------------------------------------------------------------------------------------- helpers

const user = (label: string): BenchUser => ({
  id: randomUUID(),
  username: `bb_${label}_${randomUUID().slice(0, 6)}`,
});

/** Pids of each named process group (service, postgres, redis, generator, …). */
type Pids = Record<string, number[]>;
type CpuSnapshot = Record<string, Map<number, number>>;

/** CPU time (ms) of every pid of every group now; a pid that is gone is left out. */
function cpuSnapshot(pids: Pids): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const [name, list] of Object.entries(pids)) {
    const times = new Map<number, number>();
    for (const pid of list) {
      try {
        times.set(pid, processCpuMs(pid));
      } catch {
        // exited (a pool connection closed), or not visible from here
      }
    }
    out[name] = times;
  }
  return out;
}

/**
 * CPU (ms) of each group between two snapshots. A pid seen only at the end started inside the window (a
 * new pool connection), so all of its time counts; one gone by the end is lost (counted in `lost`).
 */
function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
): { cpuMs: Record<string, number>; lost: number } {
  const cpuMs: Record<string, number> = {};
  let lost = 0;
  for (const [name, end] of Object.entries(after)) {
    const start = before[name] ?? new Map<number, number>();
    let sum = 0;
    for (const [pid, ms] of end) sum += ms - (start.get(pid) ?? 0);
    for (const pid of start.keys()) if (!end.has(pid)) lost++;
    cpuMs[name] = end.size === 0 && start.size === 0 ? NaN : sum;
  }
  return { cpuMs, lost };
}

/** The generator, with its window events turned into CPU snapshots of the processes of one step. */
class Generator {
  private onWindow: ((phase: 'start' | 'end') => void) | undefined;
  private constructor(readonly child: Child & { ready: Record<string, unknown> }) {
    child.onMessage((message) => {
      const phase = message['window'];
      if (phase === 'start' || phase === 'end') this.onWindow?.(phase);
    });
  }

  static async start(): Promise<Generator> {
    return new Generator(await spawnChild('./generator.ts', {}));
  }

  async connect(set: string, urls: string[], auths: object[], groups: number[]): Promise<void> {
    const started = performance.now();
    const reply = await this.child.request<{ connected?: number; error?: string }>(
      'connect',
      { set, urls, auths, groups, inFlight: 20 },
      600_000,
    );
    if (reply.error) throw new Error(`generator: ${reply.error}`);
    console.log(
      `  ${set}: ${reply.connected} sockets connected in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  /**
   * One step; CPU (ms) over the measured window of each process group: `pids`, plus the groups `dynamic`
   * finds at the window's start and end (PostgreSQL's backends of this database come and go with the pool).
   */
  async step(
    set: string,
    deliveries: number,
    topics: string[],
    pids: Pids,
    dynamic: () => Promise<Pids> = async () => ({}),
  ): Promise<StepResult & { cpuMs: Record<string, number>; lostPids: number }> {
    let before: Promise<CpuSnapshot> | undefined;
    let after: Promise<CpuSnapshot> | undefined;
    const snapshot = async () => cpuSnapshot({ ...pids, ...(await dynamic()) });
    this.onWindow = (phase) => {
      if (phase === 'start') before = snapshot();
      else after = before!.then(snapshot);
    };
    const timeout = config.warmupMs + config.measureMs + config.drainMs + config.settleMs + 60_000;
    const reply = await this.child.request<{ result?: StepResult; error?: string }>(
      'step',
      {
        set,
        rate: deliveries / config.members,
        topics,
        warmupMs: config.warmupMs,
        measureMs: config.measureMs,
        drainMs: config.drainMs,
        settleMs: config.settleMs,
        bodyBytes: config.bodyBytes,
      },
      timeout,
    );
    this.onWindow = undefined;
    if (!reply.result) throw new Error(`generator: ${reply.error ?? 'no result'}`);
    if (!before || !after) throw new Error('generator: no measured window');
    const { cpuMs, lost } = cpuBetween(await before, await after);
    return { ...reply.result, cpuMs, lostPids: lost };
  }

  drop(set: string): Promise<unknown> {
    return this.child.request('drop', { set });
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}

interface Topology {
  /** Topic id per group, on the app. */
  topics: string[];
  /** Every user of the set, group by group; the handshake auth of each socket. */
  auths: object[];
  groups: number[];
  owner: BenchUser;
}

/** `topics` parties of `members` users each, set up through REST: create, invite (maxUses), accept. */
async function setUpParties(world: BlackBoxWorld, url: string, label: string): Promise<Topology> {
  const started = performance.now();
  const topics: string[] = [];
  const auths: object[] = [];
  const groups: number[] = [];
  const joins: { token: string; code: string }[] = [];
  let firstOwner: BenchUser | undefined;
  for (let g = 0; g < config.topics; g++) {
    const owner = user(`${label}${g}o`);
    firstOwner ??= owner;
    const ownerToken = world.auth.token(owner);
    const party = await rest<{ id: string }>(url, ownerToken, 'POST', '/api/parties', {
      name: `Bench ${label} ${g}`,
    });
    const [topic] = await rest<{ id: string }[]>(url, ownerToken, 'GET', `/api/parties/${party.id}/topics`);
    if (!topic) throw new Error('a new party has a first topic');
    topics.push(topic.id);
    const invite = await rest<{ code: string }>(url, ownerToken, 'POST', `/api/parties/${party.id}/invites`, {
      maxUses: Math.max(1, config.members - 1),
    });
    auths.push({ token: ownerToken, batch: config.batch });
    groups.push(g);
    for (let m = 1; m < config.members; m++) {
      const token = world.auth.token(user(`${label}${g}m${m}`));
      joins.push({ token, code: invite.code });
      auths.push({ token, batch: config.batch });
      groups.push(g);
    }
  }
  await pooled(joins, 16, ({ token, code }) => rest(url, token, 'POST', `/api/invites/${code}/accept`));
  console.log(
    `  ${label}: ${config.topics} parties × ${config.members} members set up over REST in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { topics, auths, groups, owner: firstOwner! };
}

/** The same shape on the bare baseline: room per group, the topic id a label. */
const bareTopology = (): Topology => {
  const auths: object[] = [];
  const groups: number[] = [];
  for (let g = 0; g < config.topics; g++)
    for (let m = 0; m < config.members; m++) {
      auths.push({ token: '', room: `g${g}`, username: `bare${g}_${m}` });
      groups.push(g);
    }
  return {
    topics: Array.from({ length: config.topics }, (_, g) => `g${g}`),
    auths,
    groups,
    owner: user('bare'),
  };
};

interface StepRow {
  system: string;
  deliveries: number;
  result: StepResult & { cpuMs: Record<string, number>; lostPids: number };
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const latencyCell = (value: number) => (Number.isFinite(value) ? ms(value) : '–');
const micros = (cpuMs: number, deliveries: number) =>
  deliveries > 0 && Number.isFinite(cpuMs) ? fixed((cpuMs * 1000) / deliveries, 2) : '–';

function printSteps(rows: StepRow[], processNames: string[]): void {
  table([
    [
      'system',
      'offered/s',
      'delivered/s',
      'delivered',
      'p50',
      'p99',
      'p99.9',
      ...processNames.map((name) => `${name} µs/dlv`),
      'total µs/dlv',
      'gen loop p99',
      'stale',
      'down/dropped',
      'ack errors',
    ],
    ...rows.map(({ system, result }) => {
      const inWindow = result.deliveredPerSecond * result.seconds;
      return [
        system,
        Math.round(result.offeredDeliveriesPerSecond).toLocaleString('en-US'),
        Math.round(result.deliveredPerSecond).toLocaleString('en-US'),
        `${fixed(result.deliveredFraction * 100, 2)} %`,
        latencyCell(result.latency.p50),
        latencyCell(result.latency.p99),
        latencyCell(result.latency.p999),
        ...processNames.map((name) =>
          result.cpuMs[name] === undefined ? '' : micros(result.cpuMs[name]!, inWindow),
        ),
        micros(
          Object.values(result.cpuMs)
            .filter(Number.isFinite)
            .reduce((sum, value) => sum + value, 0),
          inWindow,
        ),
        latencyCell(result.loopDelayP99),
        result.stale,
        `${result.notConnected}/${result.disconnects}`,
        Object.entries(result.ackFailures)
          .map(([code, n]) => `${code} ×${n}`)
          .join(' ') || (result.unacked > 0 ? `${result.unacked} unacked` : '0'),
      ];
    }),
  ]);
}

/** The highest step with p99 ≤ 50 ms and every delivery made (0 when none). */
function knee(rows: StepRow[], system: string): number {
  let best = 0;
  for (const row of rows) {
    if (row.system !== system) continue;
    const ok = row.result.received >= row.result.expected && row.result.latency.p99 <= config.kneeP99Ms;
    if (ok) best = Math.max(best, row.deliveries);
  }
  return best;
}

function openFilesLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3]) || 1024;
}

// ---------------------------------------------------------------------------------------------- parts

interface Processes {
  world: BlackBoxWorld;
  sql: pg.Client;
  bare: ServerUnderTest;
  app: ServiceProcess;
  app2?: ServiceProcess;
  generator: Generator;
}

const postgresPids = async (p: Processes): Promise<Pids> => ({
  postgres: await backendPids(p.sql, p.world.databaseName),
});

async function stepsPart(p: Processes, app: Topology, bare: Topology): Promise<StepRow[]> {
  console.log(
    `\nsteps: ${config.topics} topics × ${config.members} members, ${config.bodyBytes}-byte bodies, ` +
      `${config.warmupMs / 1000} s warm-up + ${config.measureMs / 1000} s per step, bare and app alternating`,
  );
  const run = (system: 'bare' | 'app', deliveries: number) => {
    const pids: Pids =
      system === 'bare'
        ? { server: [p.bare.pid], generator: [p.generator.child.pid] }
        : { service: [p.app.pid], redis: [p.world.redis.pid], generator: [p.generator.child.pid] };
    const topics = system === 'bare' ? bare.topics : app.topics;
    return p.generator.step(
      system,
      deliveries,
      topics,
      pids,
      system === 'bare' ? undefined : () => postgresPids(p),
    );
  };
  // One unrecorded round at the first rate for each system before the measured ones: the first measured
  // step otherwise carries a cold service and PostgreSQL (its 2 s warm-up did not cover it on 2026-12-04:
  // p99 2.1 s app and 143 ms bare at 5,000/s, against 29-31 ms and 15 ms a few minutes later).
  const first = config.steps[0];
  if (first !== undefined && config.warmRound) {
    for (const system of ['bare', 'app'] as const) await run(system, first);
    console.log(`  (warmed both at ${first.toLocaleString('en-US')}/s, not recorded)`);
  }
  const rows: StepRow[] = [];
  for (const [i, deliveries] of config.steps.entries()) {
    const order = i % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
    for (const system of order) {
      const before = system === 'app' ? await insideService(p.app.opsUrl) : undefined;
      const result = await run(system, deliveries);
      rows.push({ system, deliveries, result });
      console.log(
        `  ${system.padEnd(5)} ${deliveries.toLocaleString('en-US').padStart(7)}/s offered: ` +
          `${fixed(result.deliveredFraction * 100, 2)} % delivered, p99 ${latencyCell(result.latency.p99)}`,
      );
      if (before) console.log(`        ${(await insideService(p.app.opsUrl)).since(before)}`);
    }
  }
  console.log();
  printSteps(
    [...rows].sort((a, b) => a.deliveries - b.deliveries || a.system.localeCompare(b.system)),
    ['server', 'service', 'postgres', 'redis', 'generator'],
  );
  console.log(
    `  knee (p99 ≤ ${config.kneeP99Ms} ms, all delivered): bare ${knee(rows, 'bare').toLocaleString('en-US')}/s, ` +
      `app ${knee(rows, 'app').toLocaleString('en-US')}/s of offered deliveries; ${machineNote()}`,
  );
  return rows;
}

interface InsideService {
  sends: HistogramReading;
  statements: HistogramReading;
  emits: HistogramReading;
  gc: (readonly [string, HistogramReading])[];
  /** One line: the window between an earlier reading and this one. */
  since(before: InsideService): string;
}

/**
 * What the service's own metrics say of a step (warm-up and drain included): how long its `message:send`
 * handling took, from the event's arrival to its ack (the insert and the fan-out's emit included), its
 * group-commit batches (size, statement, emit) and its garbage collections by kind.
 */
async function insideService(opsUrl: string): Promise<InsideService> {
  const [sends, statements, emits, gc] = await Promise.all([
    readHistogram(opsUrl, 'realtime_event_duration_seconds', { event: 'message:send', outcome: 'ok' }),
    readHistogram(opsUrl, 'messages_send_batch_statement_seconds'),
    readHistogram(opsUrl, 'messages_send_batch_emit_seconds'),
    Promise.all(
      (['minor', 'major', 'incremental'] as const).map(
        async (kind) => [kind, await readHistogram(opsUrl, 'nodejs_gc_duration_seconds', { kind })] as const,
      ),
    ),
  ]);
  return {
    since(before) {
      const handled = sends.since(before.sends);
      const statement = statements.since(before.statements);
      const emit = emits.since(before.emits);
      const perBatch = (w: HistogramWindow) => ms((w.sum / w.count) * 1000);
      const collections = gc.map(([kind, reading], i) => {
        const window = reading.since(before.gc[i]![1]);
        return `${window.count} ${kind} (${ms(window.sum * 1000)})`;
      });
      return (
        `in the service: ${handled.count} sends handled to their ack, ${sharesLine(handled, [0.005, 0.01, 0.025, 0.05])}; ` +
        `${statement.count} batches (${fixed(handled.count / statement.count, 1)} sends each), statement ` +
        `${sharesLine(statement, [0.005, 0.01, 0.025])}, mean ${perBatch(statement)}; emit mean ${perBatch(emit)}, ` +
        `${sharesLine(emit, [0.005, 0.01])}; GC ${collections.join(', ')}`
      );
    },
    sends,
    statements,
    emits,
    gc,
  };
}

async function twoInstancesPart(p: Processes, one: Topology, two: Topology): Promise<StepRow[]> {
  console.log(
    `\ntwo instances: each topic's members alternate over two service processes (Redis adapter), ` +
      `against one instance, interleaved`,
  );
  const rows: StepRow[] = [];
  for (const [i, deliveries] of config.twoSteps.entries()) {
    const order = i % 2 === 0 ? (['app', 'app2'] as const) : (['app2', 'app'] as const);
    for (const system of order) {
      const pids: Pids = {
        service: system === 'app' ? [p.app.pid] : [p.app.pid, p.app2!.pid],
        redis: [p.world.redis.pid],
        generator: [p.generator.child.pid],
      };
      const topics = (system === 'app' ? one : two).topics;
      const result = await p.generator.step(system, deliveries, topics, pids, () => postgresPids(p));
      rows.push({ system: system === 'app' ? 'one instance' : 'two instances', deliveries, result });
    }
  }
  printSteps(
    [...rows].sort((a, b) => a.deliveries - b.deliveries || b.system.localeCompare(a.system)),
    ['service', 'postgres', 'redis', 'generator'],
  );
  console.log(
    `  knee: one instance ${knee(rows, 'one instance').toLocaleString('en-US')}/s, two instances ` +
      `${knee(rows, 'two instances').toLocaleString('en-US')}/s; ${machineNote()}`,
  );
  return rows;
}

type Mode = HistoryMode;
const MODES = HISTORY_MODES;

async function historyPart(
  p: Processes,
): Promise<{ messages: number; seedSeconds: number; rest: Record<Mode, Summary> }> {
  const total = config.historyMessages;
  console.log(
    `\nhistory: ${total.toLocaleString('en-US')} messages in one topic, ${config.historyQueries} REST pages of 50 per mode`,
  );
  const owner = user('hist');
  const token = p.world.auth.token(owner);
  const party = await rest<{ id: string }>(p.app.url, token, 'POST', '/api/parties', {
    name: 'Bench history',
  });
  const [topic] = await rest<{ id: string }[]>(p.app.url, token, 'GET', `/api/parties/${party.id}/topics`);
  if (!topic) throw new Error('a new party has a first topic');

  // Seeding by SQL (the API would take hours): the secondary indexes of `messages` are dropped during the
  // load and rebuilt from their own definitions after it, whatever the migrations made them.
  const seeding = performance.now();
  const { rows: indexes } = await p.sql.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'messages'::regclass AND NOT x.indisunique AND NOT x.indisprimary`,
  );
  for (const index of indexes) await p.sql.query(`DROP INDEX ${index.name}`);
  for (let from = 1; from <= total; from += 100_000) {
    await p.sql.query(
      `INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body, created_at)
       SELECT $1, $2, i, $3, 'bench-' || lpad(i::text, 8, '0'), 'message ' || i || ' of the bench, a short line of chat text',
              now() - make_interval(secs => $5 - i)
         FROM generate_series($4::bigint, $5::bigint) AS i`,
      [topic.id, party.id, owner.id, from, Math.min(total, from + 99_999)],
    );
  }
  await p.sql.query('UPDATE topics SET last_seq = $2 WHERE id = $1', [topic.id, total]);
  for (const index of indexes) await p.sql.query(index.def);
  await p.sql.query('VACUUM ANALYZE messages');
  // The load leaves hundreds of MB of dirty pages: flushed now, not by a checkpoint during the measurement.
  await p.sql.query('CHECKPOINT');
  const seedSeconds = (performance.now() - seeding) / 1000;
  console.log(`  seeded in ${seedSeconds.toFixed(1)} s`);

  // The timed pages come from a client process of its own (lib/history-client.ts), after 30 untimed
  // pages per mode and client that warm caches and the JIT on both sides.
  const client = await spawnChild('./history-client.ts', {});
  const pages = async (queries: number) => {
    const run: HistoryRun = { url: p.app.url, token, topicId: topic.id, total, queries };
    const reply = await client.request<HistoryTimes & { error?: string }>('run', run, 30 * 60_000);
    if (reply.error) throw new Error(`history client: ${reply.error}`);
    return reply;
  };
  let result: HistoryTimes;
  let timedInService: Awaited<ReturnType<typeof historyDurations>>;
  try {
    await pages(30);
    timedInService = await historyDurations(p.app.opsUrl);
    result = await pages(config.historyQueries);
  } finally {
    await client.stop();
  }
  const { times, gc } = result;
  const CLIENTS = HISTORY_CLIENTS;
  type Client = HistoryClient;
  const byClient = Object.fromEntries(
    CLIENTS.map((c) => [c, Object.fromEntries(MODES.map((mode) => [mode, summarize(times[c][mode])]))]),
  ) as Record<Client, Record<Mode, Summary>>;
  table([
    ['page (50)', 'client', 'p50', 'p90', 'p99', 'max'],
    ...MODES.flatMap((mode) =>
      CLIENTS.map((c) => [
        mode,
        c,
        ms(byClient[c][mode].p50),
        ms(byClient[c][mode].p90),
        ms(byClient[c][mode].p99),
        ms(byClient[c][mode].max),
      ]),
    ),
  ]);
  // The service's own histogram of these requests (its public /metrics): from its first middleware to the
  // response handed to the kernel, so what the client sees beyond it is the loopback, the scheduler and
  // the client.
  const inService = (await historyDurations(p.app.opsUrl)).since(timedInService);
  console.log(
    `  in the service (its http_request_duration_seconds, ${inService.count} requests): ` +
      sharesLine(inService, [0.0025, 0.005, 0.01, 0.025]),
  );
  console.log(
    `  the client's own GC over the timed pages: ${gc.count} pauses (${Object.entries(gc.kinds)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')}), ${ms(gc.totalMs)} in all, longest ${ms(gc.maxMs)}`,
  );
  const restTimes = byClient['node:http'];
  const worstOf = (c: Client) => Math.max(...MODES.map((mode) => byClient[c][mode].p99));
  console.log(
    `  worst REST p99 ${ms(worstOf('node:http'))} with node:http, ${ms(worstOf('fetch'))} with fetch (goal ≤ 5 ms), loopback HTTP included; ${machineNote()}`,
  );
  return { messages: total, seedSeconds, rest: restTimes };
}

/** The service's own timing of the history requests: 200s of the route, from its duration histogram. */
const historyDurations = (opsUrl: string) =>
  readHistogram(opsUrl, 'http_request_duration_seconds', {
    route: '/api/topics/:topicId/messages',
    method: 'GET',
    status: '200',
  });

interface IdleSide {
  sockets: number;
  connectSeconds: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  rssPerSocket: number;
  heapPerSocket: number;
}

async function idlePart(world: BlackBoxWorld, sql: pg.Client) {
  const limit = openFilesLimit();
  // The server holds one descriptor per socket, plus its pools, listeners and stdio.
  const count = Math.min(config.idleSockets, limit - 500);
  const partySize = Math.max(1, config.idlePartySize);
  console.log(
    `\nidle: ${count.toLocaleString('en-US')} sockets in parties of ${partySize} (open-files limit ${limit}` +
      `${count < config.idleSockets ? `; asked for ${config.idleSockets}` : ''})`,
  );
  // The service migrates its database at start: when no part ran before this one, let one start do it.
  const { rows } = await sql.query<{ ok: boolean }>(`SELECT to_regclass('members') IS NOT NULL AS ok`);
  if (!rows[0]?.ok) await (await startServiceProcess(world.serviceEnv('migrate'))).stop();
  // Users and memberships seeded with SQL (19,000 accepts over REST would dominate the run); the sockets
  // and the memory they hold are the service's own.
  const users = Array.from({ length: count }, (_, n) => user(`idle${n}`));
  const partyIds = Array.from({ length: Math.ceil(count / partySize) }, () => randomUUID());
  await sql.query(
    `INSERT INTO users (id, username, display_name, version)
     SELECT id, username, username, 1 FROM unnest($1::uuid[], $2::text[]) AS u(id, username)`,
    [users.map((u) => u.id), users.map((u) => u.username)],
  );
  await sql.query(
    `INSERT INTO parties (id, name) SELECT id, 'Idle ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [partyIds],
  );
  await sql.query(
    `INSERT INTO members (party_id, user_id, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
    [
      users.map((_, i) => partyIds[Math.floor(i / partySize)]),
      users.map((u) => u.id),
      users.map((_, i) => (i % partySize === 0 ? 'owner' : 'member')),
    ],
  );
  const auths = users.map((u, i) => ({
    token: world.auth.token(u),
    batch: config.batch,
    room: partyIds[Math.floor(i / partySize)]!,
    userId: u.id,
    username: u.username,
  }));

  const hold = async (
    url: string,
    memory: () => Promise<NodeJS.MemoryUsage>,
    snapshot?: () => Promise<HeapSummary>,
  ): Promise<IdleSide> => {
    const before = await memory();
    const heapBefore = await snapshot?.();
    const perProcess = 10_000;
    const clients: Child[] = [];
    try {
      const batches: (typeof auths)[] = [];
      for (let i = 0; i < auths.length; i += perProcess) batches.push(auths.slice(i, i + perProcess));
      clients.push(...(await Promise.all(batches.map(() => spawnChild('./idle-clients.ts', {})))));
      const started = performance.now();
      const replies = await Promise.all(
        batches.map((batch, i) => {
          const client = clients[i]!;
          return client.request<{ connected?: number; error?: string }>(
            'connect',
            // A handshake refused with SERVICE.UNAVAILABLE (the pool's connect timeout on a busy box) is
            // tried again, as the browser client would: the figure is memory, not handshake throughput.
            { url, auths: batch, inFlight: 20, retries: 5 },
            1_800_000,
          );
        }),
      );
      const failed = replies.find((reply) => reply.error);
      if (failed) throw new Error(`idle clients: ${failed.error}`);
      const connected = replies.reduce((sum, reply) => sum + (reply.connected ?? 0), 0);
      const connectSeconds = (performance.now() - started) / 1000;
      await sleep(config.idleSettleMs);
      const after = await memory();
      if (snapshot && heapBefore) {
        // BENCH_BB_IDLE_HEAP=1: what the sockets hold, by kind of object, per socket.
        console.log(`  heap growth per socket by kind (of ${connected.toLocaleString('en-US')} sockets):`);
        for (const [kind, bytes, count] of heapGrowth(heapBefore, await snapshot()))
          console.log(
            `    ${(bytes / connected).toFixed(0).padStart(6)} B  ${(count / connected).toFixed(2).padStart(6)} ×  ${kind}`,
          );
      }
      return {
        sockets: connected,
        connectSeconds,
        before,
        after,
        rssPerSocket: (after.rss - before.rss) / connected,
        heapPerSocket: (after.heapUsed + after.external - before.heapUsed - before.external) / connected,
      };
    } finally {
      await Promise.all(clients.map((client) => client.stop()));
    }
  };

  const bareServer = await startServer({ kind: 'bare' });
  let bare: IdleSide;
  try {
    bare = await hold(bareServer.url, () => bareServer.memory());
  } finally {
    await bareServer.stop();
  }
  const service = await startServiceProcess(world.serviceEnv('idle'), { inspect: true });
  let app: IdleSide;
  try {
    app = await hold(
      service.url,
      () => memoryAfterGc(service.inspectPort!),
      process.env['BENCH_BB_IDLE_HEAP'] === '1' ? () => heapSummary(service.inspectPort!) : undefined,
    );
  } finally {
    await service.stop();
  }
  const rssRatio = app.rssPerSocket / bare.rssPerSocket;
  const heapRatio = app.heapPerSocket / bare.heapPerSocket;
  table([
    ['server', 'sockets', 'connect', 'RSS/socket', 'heap+external/socket'],
    ...(
      [
        ['bare', bare],
        ['app', app],
      ] as const
    ).map(([name, side]) => [
      name,
      side.sockets.toLocaleString('en-US'),
      `${side.connectSeconds.toFixed(1)} s`,
      kib(side.rssPerSocket),
      kib(side.heapPerSocket),
    ]),
    ['app / bare', '', '', fixed(rssRatio, 2), fixed(heapRatio, 2)],
  ]);
  console.log(`  goal: heap+external per socket ≤ 1.3 × bare (after two full GCs in each); ${machineNote()}`);
  return { sockets: Math.min(app.sockets, bare.sockets), fdLimit: limit, bare, app, rssRatio, heapRatio };
}

// ---------------------------------------------------------------------------------------------- main

export async function main() {
  const started = performance.now();
  console.log(
    `blackbox${QUICK ? ' (quick)' : ''}: parts ${config.parts.join(', ')}; messages-service as its own process, ` +
      `public protocol only; ${machineNote()}`,
  );
  const world = await createBlackBoxWorld();
  const result: Record<string, unknown> = { quick: QUICK, config };
  const stops: (() => Promise<void>)[] = [];
  const sql = await world.sql();
  try {
    const wantSteps = config.parts.includes('steps');
    const wantTwo = config.parts.includes('two');
    if (wantSteps || wantTwo || config.parts.includes('history')) {
      const app = await startServiceProcess(world.serviceEnv('a'));
      stops.push(() => app.stop());
      const bare = await startServer({ kind: 'bare' });
      stops.push(() => bare.stop());
      const generator = await Generator.start();
      stops.push(() => generator.stop());
      const p: Processes = { world, sql, bare, app, generator };
      console.log(
        `service pid ${app.pid} at ${app.url}, bare pid ${bare.pid}, generator pid ${generator.child.pid}`,
      );

      if (wantSteps || wantTwo) {
        const appTopology = await setUpParties(world, app.url, 'a');
        await generator.connect('app', [app.url], appTopology.auths, appTopology.groups);
        if (wantSteps) {
          const bareTopo = bareTopology();
          await generator.connect('bare', [bare.url], bareTopo.auths, bareTopo.groups);
          const rows = await stepsPart(p, appTopology, bareTopo);
          await generator.drop('bare');
          result['steps'] = rows;
          result['knee'] = { bare: knee(rows, 'bare'), app: knee(rows, 'app') };
        }
        if (wantTwo) {
          const app2 = await startServiceProcess(world.serviceEnv('b'));
          stops.push(() => app2.stop());
          p.app2 = app2;
          const twoTopology = await setUpParties(world, app.url, 'b');
          await generator.connect('app2', [app.url, app2.url], twoTopology.auths, twoTopology.groups);
          const rows = await twoInstancesPart(p, appTopology, twoTopology);
          await generator.drop('app2');
          result['two'] = rows;
          result['twoKnee'] = { one: knee(rows, 'one instance'), two: knee(rows, 'two instances') };
        }
        await generator.drop('app');
      }
      if (config.parts.includes('history')) result['history'] = await historyPart(p);
      // Free the descriptors and the CPU before the idle part.
      for (const stop of stops.splice(0).reverse()) await stop();
    }
    if (config.parts.includes('idle')) result['idle'] = await idlePart(world, sql);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
    await sql.end().catch(() => undefined);
    await world.cleanup();
  }
  console.log(`\nblackbox: ${((performance.now() - started) / 1000).toFixed(0)} s; ${machineNote()}`);
  const knees = result['knee'] as { bare: number; app: number } | undefined;
  const idle = result['idle'] as { heapRatio: number } | undefined;
  const history = result['history'] as { rest: Record<Mode, Summary> } | undefined;
  const historyP99 = history ? Math.max(...MODES.map((mode) => history.rest[mode].p99)) : undefined;
  result['met'] =
    (knees === undefined || knees.app >= knees.bare) &&
    (idle === undefined || idle.heapRatio <= 1.3) &&
    (historyP99 === undefined || historyP99 <= 5);
  result['load'] = machineNote();
  return result;
}
