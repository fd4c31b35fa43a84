// npx tsx bench/fanout.ts: benchmark 1, fan-out against a bare socket.io server (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/fanout.js'));
