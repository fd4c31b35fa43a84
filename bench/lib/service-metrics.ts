// Reads the service's own Prometheus histograms from its public /metrics (the ops port), so that a part can
// say how much of what the client measured happened inside the service, still without importing anything
// of it. A reading is the cumulative bucket counts of the series that carry every given label; `since`
// turns two readings into the window's shares per bound, and its count and sum.

export interface HistogramReading {
  buckets: Map<number, number>;
  sum: number;
  count: number;
  /** This reading minus an earlier one: the window between them. */
  since(before: HistogramReading): HistogramWindow;
}

export interface HistogramWindow {
  count: number;
  /** Seconds in all (the histogram's _sum over the window). */
  sum: number;
  /** Share of the window's observations at or under `le` seconds, for the given bounds. */
  shareUnder(le: number): number;
}

const labelsOf = (line: string) => line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
const valueOf = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));

/** The histogram `name` summed over its series whose labels include every `labels` pair. */
export async function readHistogram(
  opsUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<HistogramReading> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const matches = (line: string) => {
    const set = labelsOf(line).split(',');
    return wanted.every((pair) => set.includes(pair));
  };
  const buckets = new Map<number, number>();
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`) && matches(line)) {
      const bound = /le="([^"]+)"/.exec(line)?.[1];
      if (bound === undefined) continue;
      const le = bound === '+Inf' ? Infinity : Number(bound);
      buckets.set(le, (buckets.get(le) ?? 0) + valueOf(line));
    } else if (line.startsWith(`${name}_sum{`) && matches(line)) sum += valueOf(line);
    else if (line.startsWith(`${name}_count{`) && matches(line)) count += valueOf(line);
  }
  const reading: HistogramReading = {
    buckets,
    sum,
    count,
    since(before) {
      const windowCount = count - before.count;
      return {
        count: windowCount,
        sum: sum - before.sum,
        shareUnder: (le) =>
          windowCount > 0 ? ((buckets.get(le) ?? 0) - (before.buckets.get(le) ?? 0)) / windowCount : NaN,
      };
    },
  };
  return reading;
}

/** `≤ 5 ms 97.1 %, ≤ 10 ms 99.0 %`, for the bounds given in seconds. */
export function sharesLine(window: HistogramWindow, bounds: number[]): string {
  return bounds
    .map((le) => `${(window.shareUnder(le) * 100).toFixed(1)} % ≤ ${(le * 1000).toLocaleString('en-US')} ms`)
    .join(', ');
}
