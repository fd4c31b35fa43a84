// CPU time of any process on this machine, read from /proc/<pid>/stat (Linux): utime + stime, so a child
// that is not a node process of ours (FerretDB) can be measured the same way as one that is.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  return ticksPerSecond;
}

/** The process's CPU time so far (user + system), in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: count fields after its ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14 of the whole line
  const stime = Number(fields[12]); // field 15
  return ((utime + stime) * 1000) / clockTicks();
}
