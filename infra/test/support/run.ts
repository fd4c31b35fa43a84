import { spawnSync } from 'node:child_process';
import { repoPath } from './repo.js';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a program from the repository root; a missing program is a failure with a clear message. */
export const run = (
  program: string,
  args: string[],
  hint: string,
  env: NodeJS.ProcessEnv = {},
): RunResult => {
  const res = spawnSync(program, args, {
    cwd: repoPath('.'),
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 32 * 1024 * 1024,
  });
  if (res.error) {
    const code = (res.error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `'${program}' is not installed or not on PATH: ${hint}`
        : `${program}: ${res.error.message}`,
    );
  }
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
};
