// npx tsx bench/latency.ts: benchmark 2, send-to-receipt latency in a 100-member topic (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/latency.js'));
