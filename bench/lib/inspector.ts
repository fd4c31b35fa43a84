// The V8 inspector of a process started with --inspect=127.0.0.1:<port>: two full GCs, then the process's
// own process.memoryUsage(). The same read for the service (a black box otherwise) and for the baseline, so
// the idle-socket figures compare what the sockets retain, not how much garbage each heap happens to hold.
// And, to find what a socket retains, a heap snapshot summed by what V8 calls each object.
import WebSocket from 'ws';

interface Session {
  call(method: string, params?: object): Promise<unknown>;
  /** Notifications of one method (HeapProfiler.addHeapSnapshotChunk, say). */
  on(method: string, listener: (params: Record<string, unknown>) => void): void;
  close(): void;
}

async function connect(inspectPort: number, timeoutMs: number): Promise<Session> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0]?.webSocketDebuggerUrl;
  if (!target) throw new Error(`no inspector target on port ${inspectPort}`);
  const ws = new WebSocket(target, { maxPayload: 1024 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  const listeners = new Map<string, (params: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const reply = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: unknown;
      method?: string;
      params?: Record<string, unknown>;
    };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    else if (reply.method) listeners.get(reply.method)?.(reply.params ?? {});
  });
  return {
    call: (method, params = {}) =>
      new Promise<unknown>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs);
        pending.set(id, (reply) => {
          clearTimeout(timer);
          pending.delete(id);
          if (reply.error) reject(new Error(`inspector ${method}: ${JSON.stringify(reply.error)}`));
          else resolve(reply.result);
        });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    on: (method, listener) => listeners.set(method, listener),
    close: () => ws.close(),
  };
}

export async function memoryAfterGc(inspectPort: number, timeoutMs = 30_000): Promise<NodeJS.MemoryUsage> {
  const session = await connect(inspectPort, timeoutMs);
  try {
    await session.call('HeapProfiler.collectGarbage');
    await session.call('HeapProfiler.collectGarbage');
    const result = (await session.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(result.result.value) as NodeJS.MemoryUsage;
  } finally {
    session.close();
  }
}

/** Bytes and count of the heap's objects per kind: `type name`, e.g. `object Socket`, `closure onclose`. */
export type HeapSummary = Map<string, { bytes: number; count: number }>;

/** A heap snapshot (it collects garbage first) summed by each object's type and name (self sizes). */
export async function heapSummary(inspectPort: number, timeoutMs = 300_000): Promise<HeapSummary> {
  const session = await connect(inspectPort, timeoutMs);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (params) => chunks.push(String(params['chunk'])));
  try {
    await session.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    session.close();
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const summary: HeapSummary = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? '?';
    // Strings and code are summed by type alone: their names are their contents.
    const name = ['string', 'concatenated string', 'sliced string', 'code', 'number'].includes(type)
      ? ''
      : snapshot.strings[snapshot.nodes[i + nameAt]!]!.slice(0, 60);
    const key = `${type} ${name}`.trim();
    const entry = summary.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += snapshot.nodes[i + sizeAt]!;
    entry.count += 1;
    summary.set(key, entry);
  }
  return summary;
}

/** What grew from one summary to the next, largest first: [kind, bytes, count]. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 25): [string, number, number][] {
  return [...after]
    .map(([key, { bytes, count }]): [string, number, number] => [
      key,
      bytes - (before.get(key)?.bytes ?? 0),
      count - (before.get(key)?.count ?? 0),
    ])
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
}
