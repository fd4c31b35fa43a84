/** How long an early live message waits for the ones before it before the client asks for a sync. */
export const REORDER_WINDOW_MS = 250;
/** Early messages held per topic at most; past that the client stops waiting and syncs. */
const MAX_HELD = 500;

interface Sequenced {
  seq: number;
}

export interface ReorderWindowOptions<M extends Sequenced> {
  /** The last seq the topic's window holds now (null when it is empty). */
  lastSeq: () => number | null;
  /** Adds a message that continues the window. Called in seq order. */
  apply: (message: M) => void;
  /** The hole did not close in time: fetch what is missing (the held messages come with it). */
  onGap: () => void;
  holdMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ReorderWindow<M extends Sequenced> {
  /** A live message of the topic: applied now if it continues the window, else held briefly. */
  push(message: M): void;
  /** Applies the held messages the window now reaches (after a sync filled the hole), drops the stale. */
  drain(): void;
  /** How many messages wait for an earlier one. */
  held(): number;
  dispose(): void;
}

/**
 * Across instances `message:created` events of one topic can arrive out of seq order. An early message is
 * held until the missing seqs arrive or `holdMs` passes; only then is a sync asked for, so an ordinary
 * inversion costs nothing and a real loss costs one sync.
 */
export function createReorderWindow<M extends Sequenced>(options: ReorderWindowOptions<M>): ReorderWindow<M> {
  const holdMs = options.holdMs ?? REORDER_WINDOW_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const early = new Map<number, M>();
  let timer: unknown = null;

  const stopTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const drain = () => {
    let last = options.lastSeq();
    for (;;) {
      // Stale: the window already has them (a sync or the REST reply brought them).
      if (last !== null) for (const seq of early.keys()) if (seq <= last) early.delete(seq);
      const next = last === null ? undefined : early.get(last + 1);
      if (!next) break;
      early.delete(next.seq);
      options.apply(next);
      last = options.lastSeq();
    }
    if (early.size === 0) stopTimer();
  };

  const expire = () => {
    timer = null;
    drain();
    if (early.size > 0) options.onGap();
  };

  return {
    push(message) {
      const last = options.lastSeq();
      if (last === null || message.seq <= last + 1) {
        options.apply(message);
        drain();
        return;
      }
      early.set(message.seq, message);
      if (early.size > MAX_HELD) {
        stopTimer();
        expire();
      } else if (timer === null) {
        timer = setTimer(expire, holdMs);
      }
    },
    drain,
    held: () => early.size,
    dispose() {
      stopTimer();
      early.clear();
    },
  };
}
