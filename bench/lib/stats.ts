// Percentiles from sorted samples (nearest rank) and the few formatting helpers the reports use.
import { cpus, loadavg } from 'node:os';

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: number[] | Float64Array): Summary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count: n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[n - 1]!, mean: sum / n };
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

export const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

/** Prints a small aligned table. */
export function table(rows: (string | number)[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => String(row[col] ?? '').length)));
  for (const row of rows)
    console.log('  ' + row.map((cell, col) => String(cell).padEnd(widths[col]!)).join('  '));
}

/** Load average and core count, printed with every result so a noisy run can be told apart. */
export function machineNote(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} / ${five!.toFixed(2)} (1/5 min) on ${cpus().length} cores`;
}
