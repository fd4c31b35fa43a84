// npx tsx bench/kafka.ts: benchmark 5, send latency with the Kafka broker up, stopped and hung (see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/kafka.js'));
