// Child-process entry that times history pages for the black-box benchmark's history part: a client in a
// process of its own, as the steps part's generator is, so that the parent's heap (the seed, the earlier
// parts' results) and its collections are not in the figures. One reader at a time, two clients alternating
// query by query: node:http on a kept-alive connection (the leanest Node client: its time is the
// service's and the loopback's) and the browser-like WHATWG fetch. Its own GC pauses over the timed queries
// are answered with the times, so a tail of the client's own making can be told apart.
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

import { getJson, rest } from './rest.js';

export type HistoryMode = 'before' | 'after' | 'around' | 'newest';
export const HISTORY_MODES: HistoryMode[] = ['before', 'after', 'around', 'newest'];
export const HISTORY_CLIENTS = ['node:http', 'fetch'] as const;
export type HistoryClient = (typeof HISTORY_CLIENTS)[number];

export interface HistoryRun {
  url: string;
  token: string;
  topicId: string;
  /** Messages in the topic: cursors are drawn from 1..total. */
  total: number;
  /** Queries per mode and client. */
  queries: number;
}

export interface HistoryTimes {
  times: Record<HistoryClient, Record<HistoryMode, number[]>>;
  /** The client's own collections during the timed queries. */
  gc: { count: number; totalMs: number; maxMs: number; kinds: Record<string, number> };
}

// What a perf_hooks GC entry's detail.kind says
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

async function run({ url, token, topicId, total, queries }: HistoryRun): Promise<HistoryTimes> {
  const cursor = (mode: HistoryMode) =>
    mode === 'newest' ? '' : `?${mode}=${1 + Math.floor(Math.random() * total)}`;
  const path = (mode: HistoryMode) =>
    `/api/topics/${topicId}/messages${cursor(mode)}${mode === 'newest' ? '?' : '&'}limit=50`;
  const clients: Record<HistoryClient, (mode: HistoryMode) => Promise<{ messages: unknown[] }>> = {
    'node:http': (mode) => getJson(url, token, path(mode)),
    fetch: (mode) => rest(url, token, 'GET', path(mode)),
  };
  const page = async (client: HistoryClient, mode: HistoryMode) => {
    const started = performance.now();
    const reply = await clients[client](mode);
    const took = performance.now() - started;
    if (reply.messages.length === 0) throw new Error(`empty ${mode} page`);
    return took;
  };
  const times = Object.fromEntries(
    HISTORY_CLIENTS.map((c) => [c, Object.fromEntries(HISTORY_MODES.map((mode) => [mode, [] as number[]]))]),
  ) as HistoryTimes['times'];
  const gc: HistoryTimes['gc'] = { count: 0, totalMs: 0, maxMs: 0, kinds: {} };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      const kind = GC_KINDS[detail?.kind ?? 0] ?? 'other';
      gc.kinds[kind] = (gc.kinds[kind] ?? 0) + 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  for (const mode of HISTORY_MODES) {
    for (let i = 0; i < queries; i++) {
      // which client goes first alternates
      const order = i % 2 === 0 ? HISTORY_CLIENTS : [...HISTORY_CLIENTS].reverse();
      for (const c of order) times[c][mode].push(await page(c, mode));
    }
  }
  observer.disconnect();
  return { times, gc };
}

process.on('message', (request: { id: number; type: string } & Partial<HistoryRun>) => {
  const reply = (body: object) => process.send?.({ id: request.id, ...body });
  if (request.type === 'run') {
    run(request as HistoryRun).then(
      (result) => reply(result),
      (error: unknown) => reply({ error: String(error) }),
    );
  } else if (request.type === 'close') {
    reply({});
    setTimeout(() => process.exit(0), 50);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
