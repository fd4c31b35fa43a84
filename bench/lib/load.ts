// The load generator, the same for the app and the bare baseline: senders emit `message:send` and wait for
// the ack; receivers count (and time) the `message:created` broadcasts they get.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

import type { Socket } from 'socket.io-client';

import { sleep } from './env.js';

interface Ack {
  ok: boolean;
  error?: { code: string };
}

const BODY = 'The quick brown fox jumps over the lazy dog; a typical short chat line of about 80 chars.';

function send(socket: Socket, topicId: string, nonce: string): Promise<Ack> {
  return new Promise((resolve) => socket.emit('message:send', { topicId, body: BODY, nonce }, resolve));
}

export interface ThroughputResult {
  seconds: number;
  /** message:created events received by the receivers inside the measured window, per second. */
  deliveriesPerSecond: number;
  /** Sends acknowledged inside the measured window, per second. */
  sendsPerSecond: number;
  failedAcks: number;
  /** CPU used by this process (the load generator) during the window, in cores (1 = one core busy). */
  loadgenCores: number;
  /** The same for the server process, when `serverCpuMicros` was given. */
  serverCores?: number;
}

/**
 * Closed loop: each sender keeps `window` sends in flight for `warmupMs + measureMs`; deliveries at the
 * receivers are counted during the measured part only.
 */
export async function measureThroughput(options: {
  senders: Socket[];
  receivers: Socket[];
  topicId: string;
  window: number;
  warmupMs: number;
  measureMs: number;
  serverCpuMicros?: () => Promise<number>;
}): Promise<ThroughputResult> {
  const { senders, receivers, topicId } = options;
  let measuring = false;
  let delivered = 0;
  let acked = 0;
  let failed = 0;
  const onCreated = () => {
    if (measuring) delivered++;
  };
  for (const receiver of receivers) receiver.on('message:created', onCreated);

  let running = true;
  const loops = senders.flatMap((socket) =>
    Array.from({ length: options.window }, async () => {
      while (running) {
        const ack = await send(socket, topicId, randomUUID());
        if (!ack.ok) failed++;
        else if (measuring) acked++;
      }
    }),
  );
  await sleep(options.warmupMs);
  const serverBefore = options.serverCpuMicros?.();
  const cpuBefore = process.cpuUsage();
  measuring = true;
  const started = performance.now();
  await sleep(options.measureMs);
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = options.serverCpuMicros?.();
  running = false;
  await Promise.all(loops);
  await sleep(200); // let the last broadcasts land before the next run
  for (const receiver of receivers) receiver.off('message:created', onCreated);
  const serverMicros = serverBefore && serverAfter ? (await serverAfter) - (await serverBefore) : undefined;
  return {
    seconds,
    deliveriesPerSecond: delivered / seconds,
    sendsPerSecond: acked / seconds,
    failedAcks: failed,
    loadgenCores: (cpu.user + cpu.system) / 1e6 / seconds,
    ...(serverMicros === undefined ? {} : { serverCores: serverMicros / 1e6 / seconds }),
  };
}

export interface LatencyResult {
  /** Send to receipt, one sample per (message, receiver). */
  delivery: Float64Array;
  /** Send to ack at the sender. */
  ack: Float64Array;
  sent: number;
  /** Receipts missing after the drain (should be 0). */
  missing: number;
  failedAcks: number;
  achievedRate: number;
  /** p99 of the load generator's own event-loop delay (ms): how much of the latency is the client side. */
  loadgenLoopDelayP99: number;
}

/**
 * Open loop at a fixed rate (so a slow server shows as latency, not as a lower rate): sends are spread over
 * the senders round-robin, each stamped with its send time; every receiver records now − send time.
 */
export async function measureLatency(options: {
  senders: Socket[];
  receivers: Socket[];
  topicId: string;
  rate: number;
  warmupMs: number;
  measureMs: number;
}): Promise<LatencyResult> {
  const { senders, receivers, topicId, rate } = options;
  const sentAt = new Map<string, number>();
  // Room for the timer's overshoot: sends are due by the clock, not by the tick count.
  const expected = Math.ceil((rate * options.measureMs * 1.2) / 1000 + 100) * receivers.length;
  const delivery = new Float64Array(expected);
  let deliveries = 0;
  const ackTimes: number[] = [];
  let failed = 0;
  const onCreated = (message: { nonce: string }) => {
    const at = sentAt.get(message.nonce);
    if (at !== undefined && deliveries < delivery.length) delivery[deliveries++] = performance.now() - at;
  };
  for (const receiver of receivers) receiver.on('message:created', onCreated);

  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  let measuredSent = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.measureMs;
  let turn = 0;
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    if (now >= measureFrom) loopDelay.enable();
    const due = Math.floor(((now - start) / 1000) * rate);
    while (sent < due) {
      sent++;
      const nonce = randomUUID();
      const at = performance.now();
      const measured = at >= measureFrom;
      if (measured) {
        sentAt.set(nonce, at);
        measuredSent++;
      }
      const socket = senders[turn++ % senders.length]!;
      inFlight.push(
        send(socket, topicId, nonce).then((ack) => {
          if (!ack.ok) failed++;
          else if (measured) ackTimes.push(performance.now() - at);
        }),
      );
    }
    await sleep(1);
  }
  const seconds = (performance.now() - measureFrom) / 1000;
  loopDelay.disable();
  await Promise.race([Promise.all(inFlight), sleep(10_000)]);
  const deadline = performance.now() + 5000;
  while (deliveries < measuredSent * receivers.length && performance.now() < deadline) await sleep(20);
  for (const receiver of receivers) receiver.off('message:created', onCreated);
  return {
    delivery: delivery.subarray(0, deliveries),
    ack: Float64Array.from(ackTimes),
    sent: measuredSent,
    missing: measuredSent * receivers.length - deliveries,
    failedAcks: failed,
    achievedRate: measuredSent / seconds,
    loadgenLoopDelayP99: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : NaN,
  };
}
