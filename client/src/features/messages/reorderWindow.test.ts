import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createReorderWindow } from './reorderWindow';
import { createSyncCoalescer } from './syncCoalescer';

type M = { seq: number };

function topic(lastSeq: number) {
  const applied: number[] = [];
  let gaps = 0;
  const window = createReorderWindow<M>({
    lastSeq: () => (applied.length ? applied[applied.length - 1]! : lastSeq),
    apply: (m) => applied.push(m.seq),
    onGap: () => (gaps += 1),
  });
  const push = (...seqs: number[]) => seqs.forEach((seq) => window.push({ seq }));
  return { window, applied, push, gaps: () => gaps };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the reorder window', () => {
  it('when an early message is followed by the missing one in time, both apply in order and no sync is asked', () => {
    const t = topic(10);
    t.push(12, 11);
    expect(t.applied).toEqual([11, 12]);
    vi.advanceTimersByTime(1_000);
    expect(t.gaps()).toBe(0);
  });

  it('holds a shuffled burst until the holes close', () => {
    const t = topic(0);
    t.push(3, 5, 1, 4, 2);
    expect(t.applied).toEqual([1, 2, 3, 4, 5]);
    expect(t.window.held()).toBe(0);
  });

  it('when the missing seq does not come within 250 ms, asks for one sync', () => {
    const t = topic(10);
    t.push(12, 13, 14);
    vi.advanceTimersByTime(249);
    expect(t.gaps()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(t.gaps()).toBe(1);
    expect(t.applied).toEqual([]);
  });

  it('after a sync filled the hole, the held messages the window now reaches apply and the stale drop', () => {
    const applied: number[] = [];
    let last = 10;
    const w = createReorderWindow<M>({
      lastSeq: () => last,
      apply: (m) => {
        applied.push(m.seq);
        last = m.seq;
      },
      onGap: () => undefined,
    });
    w.push({ seq: 12 });
    w.push({ seq: 14 });
    last = 13; // the sync appended 11..13
    w.drain();
    expect(applied).toEqual([14]);
    expect(w.held()).toBe(0);
  });
});

describe('the sync coalescer', () => {
  it('with one sync in flight, later requests wait and run once, merged, no sooner than the interval', async () => {
    const runs: (string[] | undefined)[] = [];
    let finish: () => void = () => undefined;
    const c = createSyncCoalescer({
      run: (topics) => {
        runs.push(topics);
        return new Promise<void>((r) => (finish = r));
      },
    });
    c.request(['a']);
    c.request(['b']);
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toEqual([['a', 'b']]);
    for (let i = 0; i < 50; i += 1) c.request([i % 2 ? 'a' : 'c']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(1); // still in flight
    finish();
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toEqual([
      ['a', 'b'],
      ['c', 'a'],
    ]);
  });

  it('a storm of gap reports over 2 s becomes at most a few syncs a second', async () => {
    let count = 0;
    const c = createSyncCoalescer({ run: async () => void (count += 1) });
    for (let ms = 0; ms < 2_000; ms += 5) {
      c.request(['t']);
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(7);
  });

  it('a request without topics syncs every live window', async () => {
    const runs: (string[] | undefined)[] = [];
    const c = createSyncCoalescer({ run: async (t) => void runs.push(t) });
    c.request(['a']);
    c.request();
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toEqual([undefined]);
  });
});
