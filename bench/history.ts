// npx tsx bench/history.ts: benchmark 4, a 50-message history page at 1,000,000 messages (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/history.js'));
