import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs a fixture script in its own Node process through tsx, resolving @partyline/* to their sources
 * like the tests do (no build needed).
 */
export function runFixture(
  script: string,
  env: Record<string, string>,
): ChildProcess & { exited: Promise<NodeJS.Signals | number | null> } {
  // node itself (not the tsx CLI, which would sit in between) so that signals reach and report the script.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(`../fixtures/${script}`, import.meta.url))],
    {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: `${root}tsconfig.tests.json`, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return Object.assign(child, { exited });
}
