// npx tsx bench/idle.ts: benchmark 3, memory per idle authenticated socket (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/idle.js'));
