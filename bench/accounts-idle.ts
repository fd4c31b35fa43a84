// npx tsx bench/accounts-idle.ts: benchmark 6, idle CPU of accounts-service and its store at 100 and
// 20,000 users (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/accounts-idle.js'));
