// npx tsx bench/blackbox.ts [--quick]: the black-box benchmark (issue 17.4; see bench/README.md).
import { runSuite } from './lib/entry.js';

await runSuite(() => import('./suites/blackbox.js'));
