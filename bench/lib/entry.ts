// Every bench entry point goes through here: it makes sure the workspaces are loaded from source (tsx with
// tsconfig.tests.json's paths, the way the tests see them, never a stale dist/), reads the local stack's
// addresses from .stack/stack.env, and runs the suite with a hard stop so nothing is left running.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function loadStackEnv(): void {
  const file = `${repoRoot}.stack/stack.env`;
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]!] === undefined) process.env[match[1]!] = match[2]!;
  }
}

/** Re-runs this process with the workspaces resolved from source; resolves true when this is the run to use. */
async function ensureSourceResolution(): Promise<boolean> {
  if (process.env['TSX_TSCONFIG_PATH']) return true;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: `${repoRoot}tsconfig.tests.json` },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  process.exit(code);
}

const cleanups = new Set<() => Promise<void>>();

/** Work to do if the run is interrupted (Ctrl-C): drop the database, delete keys and topics. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

let interrupting = false;
async function interrupted(): Promise<void> {
  if (interrupting) return; // the terminal and a parent may both pass the same Ctrl-C on
  interrupting = true;
  console.error('interrupted: cleaning up');
  const timeout = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
  await Promise.race([Promise.allSettled([...cleanups].map((cleanup) => cleanup())), timeout]);
  process.exit(130);
}

export interface Suite {
  main(): Promise<unknown>;
}

/** Runs a suite module; its result is also written as JSON to BENCH_RESULT_FILE when run.ts asks for it. */
export async function runSuite(load: () => Promise<Suite>): Promise<void> {
  if (!(await ensureSourceResolution())) return;
  loadStackEnv();
  process.on('SIGINT', () => void interrupted());
  process.on('SIGTERM', () => void interrupted());
  try {
    const { main } = await load();
    const result = await main();
    const out = process.env['BENCH_RESULT_FILE'];
    if (out) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(out, JSON.stringify(result, null, 2));
    }
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
