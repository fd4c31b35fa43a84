// Child-process entry of the black-box benchmark's load generator: it holds the sockets of every system
// under test (sets named by the parent: 'bare', 'app', 'app2', …) and runs one fixed-rate step at a time on
// the set it is told. Sends are open-loop (due by the clock, so a slow server shows as latency, not as a
// lower rate), spread round-robin over the topics and, within a topic, over its members. Each 64-byte body
// carries the step's tag, the send's index and its send time, so every receiving socket records
// now − send time without a shared map. Receipts are read from `message:created` and, should the service
// coalesce events into a batch frame, from any event whose payload is an array of messages or of
// [event, payload] pairs. The parent reads CPU from /proc around the measured window: the generator tells it
// when the window opens and closes (`{ window: 'start' | 'end' }` over IPC).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

import { io, type Socket } from 'socket.io-client';

import { ORIGIN, sleep } from './env.js';

export interface ConnectRequest {
  set: string;
  /** Socket i connects to urls[i % urls.length] (members of one topic alternate over two instances). */
  urls: string[];
  /** Handshake auth of each socket (the app reads `token`, the bare baseline `room`). */
  auths: object[];
  /** The topic (group) of each socket: an index into StepRequest.topics. */
  groups: number[];
  inFlight?: number;
}

export interface StepRequest {
  set: string;
  /** Sends per second over all topics (offered deliveries/s = rate × members per topic). */
  rate: number;
  /** Topic id of each group (what `message:send` names). */
  topics: string[];
  warmupMs: number;
  measureMs: number;
  /** The longest wait for the measured window's receipts after the last send. */
  drainMs: number;
  /** Then the longest wait for 300 ms without a receipt of this step, before the next step may start. */
  settleMs: number;
  bodyBytes: number;
}

export interface StepResult {
  set: string;
  rate: number;
  seconds: number;
  sent: number;
  /** Sends per second actually made in the window (below `rate` when the generator fell behind). */
  sendRate: number;
  offeredDeliveriesPerSecond: number;
  /** Receipts (of this step's messages) that arrived inside the measured window, per second. */
  deliveredPerSecond: number;
  expected: number;
  received: number;
  deliveredFraction: number;
  latency: { count: number; p50: number; p99: number; p999: number; max: number };
  ackFailures: Record<string, number>;
  unacked: number;
  disconnects: number;
  /** Receipts of earlier steps that arrived inside this step's window (a backlog spilling over). */
  stale: number;
  /** Sockets of the set not connected when the step began. */
  notConnected: number;
  loopDelayP99: number;
}

interface SocketSet {
  sockets: Socket[];
  groups: number[];
  /** Socket indexes of each group, for the round-robin of senders. */
  members: number[][];
}

const sets = new Map<string, SocketSet>();
let disconnects = 0;

// What the current step listens for.
let current:
  | {
      tag: string;
      firstMeasured: number;
      lastMeasured: number;
      measuring: boolean;
      samples: Float64Array;
      count: number;
      inWindow: number;
      stale: number;
      lastReceipt: number;
    }
  | undefined;

function onMessage(message: unknown): void {
  const body = (message as { body?: unknown } | null)?.body;
  if (typeof body !== 'string' || !current) return;
  const [word, tag, index, sentAt] = body.split(' ', 4);
  if (word !== 'bench') return;
  if (tag !== current.tag) {
    // A receipt of an earlier step still arriving: a backlog spilling into this one.
    if (current.measuring) current.stale++;
    return;
  }
  const now = performance.now();
  current.lastReceipt = now;
  if (current.measuring) current.inWindow++;
  const k = Number(index);
  if (k < current.firstMeasured || k > current.lastMeasured) return;
  if (current.count < current.samples.length) current.samples[current.count++] = now - Number(sentAt);
}

/** A batch frame of any likely shape: an array of messages, of [event, payload] pairs, or { events }. */
function unpack(payload: unknown, depth = 0): void {
  if (depth > 3 || payload === null || typeof payload !== 'object') return;
  if (Array.isArray(payload)) {
    if (payload.length === 2 && typeof payload[0] === 'string') {
      if (payload[0] === 'message:created') onMessage(payload[1]);
      else unpack(payload[1], depth + 1);
      return;
    }
    for (const item of payload) unpack(item, depth + 1);
    return;
  }
  if (typeof (payload as { body?: unknown }).body === 'string') return onMessage(payload);
  for (const value of Object.values(payload)) if (typeof value === 'object') unpack(value, depth + 1);
}

async function connect(request: ConnectRequest): Promise<{ connected: number; ms: number }> {
  const started = performance.now();
  const sockets: Socket[] = new Array(request.auths.length);
  let next = 0;
  const worker = async () => {
    while (next < request.auths.length) {
      const index = next++;
      const socket = io(request.urls[index % request.urls.length]!, {
        transports: ['websocket'],
        auth: request.auths[index]! as Record<string, unknown>,
        extraHeaders: { origin: ORIGIN },
        // As the browser client does: a socket the server dropped (a ping missed while this process was
        // starved) comes back by itself, its handshake joining its rooms again. Counted in `disconnects`.
        reconnection: true,
        reconnectionDelay: 1000,
        reconnectionDelayMax: 5000,
        forceNew: true,
        timeout: 60_000,
      });
      sockets[index] = socket;
      socket.on('message:created', onMessage);
      socket.onAny((event: string, ...args: unknown[]) => {
        if (event !== 'message:created' && (Array.isArray(args[0]) || /batch/i.test(event))) unpack(args[0]);
      });
      // A handshake refused on a busy box (the service's pool connect timeout) is tried again after 0.5 s,
      // 1 s, …, as the browser client backs off; the fifth refusal fails the run.
      for (let attempt = 0; ; attempt++) {
        const error = await new Promise<Error | undefined>((resolve) => {
          socket.once('connect', () => resolve(undefined));
          socket.once('connect_error', (failure) => resolve(failure));
        });
        if (!error) break;
        socket.off('connect');
        if (attempt >= 5) throw new Error(`socket ${index}: ${error.message}`);
        await sleep(500 * (attempt + 1));
        socket.connect();
      }
      socket.on('disconnect', () => disconnects++);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(request.inFlight ?? 20, sockets.length) }, worker));
  } catch (error) {
    for (const socket of sockets) socket?.disconnect();
    throw error;
  }
  const members: number[][] = [];
  request.groups.forEach((group, index) => (members[group] ??= []).push(index));
  sets.set(request.set, { sockets, groups: request.groups, members });
  return { connected: sockets.length, ms: performance.now() - started };
}

let stepCounter = 0;

function bodyOf(tag: string, k: number, at: number, bytes: number): string {
  const head = `bench ${tag} ${k} ${at.toFixed(3)} `;
  return head.length >= bytes ? head.trimEnd() : head + 'x'.repeat(bytes - head.length);
}

const percentile = (sorted: Float64Array, q: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

async function step(request: StepRequest): Promise<StepResult> {
  const set = sets.get(request.set);
  if (!set) throw new Error(`no socket set ${request.set}`);
  const groups = request.topics.length;
  const membersPerGroup = set.members.map((m) => m.length);
  const tag = `${process.pid.toString(36)}${(++stepCounter).toString(36)}`;
  const capacity = Math.min(
    8_000_000,
    Math.ceil(((request.rate * request.measureMs) / 1000) * 1.2 + 100) * Math.max(...membersPerGroup),
  );
  current = {
    tag,
    firstMeasured: Infinity,
    lastMeasured: -1,
    measuring: false,
    samples: new Float64Array(capacity),
    count: 0,
    inWindow: 0,
    stale: 0,
    lastReceipt: 0,
  };
  const state = current;
  const ackFailures: Record<string, number> = {};
  let unacked = 0;
  const turn = new Array<number>(groups).fill(0);
  const disconnectsBefore = disconnects;
  const notConnected = set.sockets.filter((socket) => !socket.connected).length;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });

  let sent = 0;
  let expected = 0;
  const start = performance.now();
  const measureFrom = start + request.warmupMs;
  // Sends due inside the window are the measured ones, whenever the loop gets to them.
  state.firstMeasured = Math.ceil((request.warmupMs / 1000) * request.rate);
  const end = measureFrom + request.measureMs;
  let windowStarted = false;
  let windowStart = 0;
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    if (!windowStarted && now >= measureFrom) {
      windowStarted = true;
      windowStart = now;
      state.measuring = true;
      loopDelay.enable();
      process.send?.({ window: 'start' });
    }
    // Send k is due at start + k / rate: every send whose time has come goes now (`due` counts them; it
    // was one short, so each send left one interval after its due time and that interval was charged to
    // the system: 20 ms at 5,000 deliveries/s).
    const due = Math.floor(((now - start) / 1000) * request.rate) + 1;
    while (sent < due) {
      const k = sent++;
      const group = k % groups;
      const members = set.members[group]!;
      const socket = set.sockets[members[turn[group]!++ % members.length]!]!;
      if (k >= state.firstMeasured) {
        state.lastMeasured = k;
        expected += members.length;
      }
      unacked++;
      socket.emit(
        'message:send',
        {
          topicId: request.topics[group],
          // The send's due time, not the moment this loop got to it: a generator that falls behind
          // shows as latency (no coordinated omission), and its own loop delay is reported beside.
          body: bodyOf(tag, k, start + (k * 1000) / request.rate, request.bodyBytes),
          nonce: `n-${tag}-${k}`.padEnd(8, '0'),
        },
        (ack: { ok?: boolean; error?: { code?: string } } | undefined) => {
          unacked--;
          if (ack?.ok === false) {
            const code = ack.error?.code ?? 'unknown';
            ackFailures[code] = (ackFailures[code] ?? 0) + 1;
          }
        },
      );
    }
    await sleep(1);
  }
  const seconds = (performance.now() - windowStart) / 1000;
  state.measuring = false;
  loopDelay.disable();
  process.send?.({ window: 'end' });
  const measuredSent = Math.max(0, state.lastMeasured - state.firstMeasured + 1);
  // Drain: the window's receipts, bounded; then a short quiet so late ones do not spill into the next step.
  const drainUntil = performance.now() + request.drainMs;
  while (state.count < expected && performance.now() < drainUntil) await sleep(10);
  const quietUntil = performance.now() + request.settleMs;
  while (performance.now() - state.lastReceipt < 300 && performance.now() < quietUntil) await sleep(50);
  current = undefined;
  const samples = state.samples.subarray(0, state.count).sort();
  return {
    set: request.set,
    rate: request.rate,
    seconds,
    sent: measuredSent,
    sendRate: measuredSent / seconds,
    offeredDeliveriesPerSecond: (expected / seconds) | 0,
    deliveredPerSecond: state.inWindow / seconds,
    expected,
    received: state.count,
    deliveredFraction: expected > 0 ? state.count / expected : NaN,
    latency: {
      count: samples.length,
      p50: percentile(samples, 0.5),
      p99: percentile(samples, 0.99),
      p999: percentile(samples, 0.999),
      max: samples.length > 0 ? samples[samples.length - 1]! : NaN,
    },
    ackFailures,
    unacked,
    disconnects: disconnects - disconnectsBefore,
    stale: state.stale,
    notConnected,
    loopDelayP99: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : NaN,
  };
}

process.on('message', (request: { id: number; type: string } & Record<string, unknown>) => {
  const reply = (body: object) => process.send?.({ id: request.id, ...body });
  const fail = (error: unknown) => reply({ error: String(error) });
  if (request.type === 'connect') {
    connect(request as unknown as ConnectRequest).then(reply, fail);
  } else if (request.type === 'step') {
    step(request as unknown as StepRequest).then((result) => reply({ result }), fail);
  } else if (request.type === 'drop') {
    const set = sets.get(String(request['set']));
    for (const socket of set?.sockets ?? []) socket.disconnect();
    sets.delete(String(request['set']));
    reply({});
  } else if (request.type === 'close') {
    for (const set of sets.values()) for (const socket of set.sockets) socket.disconnect();
    reply({});
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
