/** Syncs start at most this often: a few per second however many gaps are reported. */
export const SYNC_MIN_INTERVAL_MS = 333;
/** Gap reports that come together within this short delay travel in one sync. */
const GATHER_MS = 30;

export interface SyncCoalescerOptions {
  /** Runs one sync of these topics (undefined: every live window). */
  run: (topicIds: string[] | undefined) => Promise<void>;
  minIntervalMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface SyncCoalescer {
  /** Asks for a sync of these topics, or of every live window when none are given. */
  request(topicIds?: string[]): void;
  /** Syncs started so far (for tests and the benchmark). */
  started(): number;
}

/**
 * One sync in flight at a time; requests made meanwhile are merged and run once it is done, no sooner
 * than `minIntervalMs` after the previous start. A burst of gap reports becomes one or two syncs.
 */
export function createSyncCoalescer(options: SyncCoalescerOptions): SyncCoalescer {
  const minInterval = options.minIntervalMs ?? SYNC_MIN_INTERVAL_MS;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let wanted: Set<string> | 'all' | null = null;
  let inFlight = false;
  let scheduled = false;
  let lastStart = -Infinity;
  let count = 0;

  const schedule = () => {
    if (inFlight || scheduled || wanted === null) return;
    scheduled = true;
    const wait = Math.max(GATHER_MS, lastStart + minInterval - now());
    setTimer(start, wait);
  };

  const start = () => {
    scheduled = false;
    if (inFlight || wanted === null) return;
    const topics = wanted === 'all' ? undefined : [...wanted];
    wanted = null;
    inFlight = true;
    lastStart = now();
    count += 1;
    options
      .run(topics)
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        schedule();
      });
  };

  return {
    request(topicIds) {
      if (!topicIds || wanted === 'all') wanted = 'all';
      else {
        wanted ??= new Set();
        for (const id of topicIds) wanted.add(id);
      }
      schedule();
    },
    started: () => count,
  };
}
