// npx tsx bench/run.ts: the black-box benchmark (blackbox.ts), then a summary. `--quick` runs each of its
// parts small (BENCH_QUICK=1). The older in-process suites still run by name, each in its own process:
// npx tsx bench/run.ts fanout latency, or `all` for every one; the fan-out result feeds the latency
// benchmark (half of the app's highest sustained send rate).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ALL = ['blackbox', 'fanout', 'latency', 'idle', 'history', 'kafka', 'accounts-idle'] as const;
type Name = (typeof ALL)[number];

const args = process.argv.slice(2);
const picked = args.filter((arg): arg is Name => (ALL as readonly string[]).includes(arg));
const names: readonly Name[] = args.includes('all') ? ALL : picked.length > 0 ? picked : ['blackbox'];
const dir = mkdtempSync(join(tmpdir(), 'partyline-bench-'));
const results: Partial<Record<Name, Record<string, unknown>>> = {};
const env: Record<string, string> = {};

function runOne(name: Name): Promise<number> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, file], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...env,
      ...(args.includes('--quick') ? { BENCH_QUICK: '1' } : {}),
      BENCH_RESULT_FILE: join(dir, `${name}.json`),
      // Workspaces from source (tsconfig paths), as lib/entry.ts would arrange by re-running the process.
      TSX_TSCONFIG_PATH: fileURLToPath(new URL('../tsconfig.tests.json', import.meta.url)),
    },
  });
  const stop = () => child.kill('SIGINT');
  process.once('SIGINT', stop);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      resolve(code ?? 1);
    }),
  );
}

const started = Date.now();
for (const name of names) {
  console.log(`\n=== ${name} ===`);
  const code = await runOne(name);
  if (code !== 0) {
    console.log(`${name} failed (exit ${code})`);
    continue;
  }
  results[name] = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
  const maxRate = results.fanout?.['appMaxSendRate'];
  if (
    name === 'fanout' &&
    typeof maxRate === 'number' &&
    process.env['BENCH_LATENCY_MAX_RATE'] === undefined
  ) {
    env['BENCH_LATENCY_MAX_RATE'] = String(Math.round(maxRate));
  }
}
rmSync(dir, { recursive: true, force: true });

const num = (value: unknown, digits = 2) => (typeof value === 'number' ? value.toFixed(digits) : '?');
const get = (name: Name, ...path: string[]): unknown =>
  path.reduce<unknown>((obj, key) => (obj as Record<string, unknown> | undefined)?.[key], results[name]);
const lines: Record<Name, () => string> = {
  blackbox: () =>
    `knee (p99 ≤ 50 ms, all delivered) app ${num(get('blackbox', 'knee', 'app'), 0)} vs bare ${num(get('blackbox', 'knee', 'bare'), 0)} deliveries/s; ` +
    `two instances ${num(get('blackbox', 'twoKnee', 'two'), 0)} vs one ${num(get('blackbox', 'twoKnee', 'one'), 0)}; ` +
    `idle heap ratio ${num(get('blackbox', 'idle', 'heapRatio'))} (≤ 1.3)`,
  fanout: () =>
    `app ${num(get('fanout', 'app', 'deliveriesPerSecond'), 0)} vs bare ${num(get('fanout', 'bare', 'deliveriesPerSecond'), 0)} deliveries/s, ratio ${num(get('fanout', 'ratio'))} (≥ 0.5)`,
  latency: () =>
    `at ${num(get('latency', 'rate'), 0)} sends/s × ${num(get('latency', 'members'), 0)} members: p50 ${num(get('latency', 'app', 'delivery', 'p50'))} ms, p99 ${num(get('latency', 'app', 'delivery', 'p99'))} ms (≤ 25 ms)`,
  idle: () =>
    `${num(get('idle', 'sockets'), 0)} sockets, RSS/socket ratio ${num(get('idle', 'rssRatio'))}, heap ratio ${num(get('idle', 'heapRatio'))} (≤ 1.3 at 20,000)`,
  history: () =>
    `${num(get('history', 'messages'), 0)} messages: p99 before ${num(get('history', 'service', 'before', 'p99'))} / after ${num(get('history', 'service', 'after', 'p99'))} / around ${num(get('history', 'service', 'around', 'p99'))} ms (≤ 5 ms)`,
  kafka: () =>
    `send→ack p99 ratio stopped/up ${num(get('kafka', 'ratios', 'stoppedP99'))}, hung/up ${num(get('kafka', 'ratios', 'hungP99'))} (unchanged)`,
  'accounts-idle': () =>
    `idle CPU 20,000/100 users: total ${num(get('accounts-idle', 'ratios', 'total'))}, service ${num(get('accounts-idle', 'ratios', 'service'))}, FerretDB ${num(get('accounts-idle', 'ratios', 'store'))} (flat)`,
};
console.log(`\n=== summary (${Math.round((Date.now() - started) / 1000)} s) ===`);
for (const name of names) {
  const result = results[name];
  const status = result ? (result['met'] ? 'MET    ' : 'NOT MET') : 'FAILED ';
  console.log(`  ${name.padEnd(8)} ${status} ${result ? lines[name]() : ''}`);
}
process.exit(names.every((name) => results[name]) ? 0 : 1);
