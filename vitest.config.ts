import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import the shared workspaces from source, so `make test` needs no build first.
const alias = {
  '@partyline/contracts': here('./common/contracts/src/index.ts'),
  '@partyline/auth': here('./common/auth/src/index.ts'),
  '@partyline/http': here('./common/http/src/index.ts'),
  '@partyline/events': here('./common/events/src/index.ts'),
  '@partyline/redis': here('./common/redis/src/index.ts'),
  '@partyline/object-store': here('./common/object-store/src/index.ts'),
};

// The cluster tests need the opt-in clusters of `scripts/stack.sh cluster-up` and are run by their own Make
// targets (which set these variables); the default run leaves them out rather than skipping them.
const optIn = [
  ['PARTYLINE_TEST_REDIS_CLUSTER', 'test/**/redis-cluster-*.test.ts'],
  ['PARTYLINE_TEST_KAFKA_CLUSTER', 'test/**/kafka-cluster.test.ts'],
] as const;
const notOptedIn = optIn.filter(([flag]) => process.env[flag] !== '1').map(([, glob]) => glob);

const nodeProject = (name: string, dir: string) => ({
  resolve: { alias },
  test: {
    name,
    root: here(dir),
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...notOptedIn],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      nodeProject('contracts', './common/contracts'),
      nodeProject('auth', './common/auth'),
      nodeProject('http', './common/http'),
      nodeProject('events', './common/events'),
      nodeProject('object-store', './common/object-store'),
      nodeProject('accounts', './accounts-service'),
      nodeProject('messages', './messages-service'),
      nodeProject('platform', './scripts'),
      nodeProject('delivery', './infra'),
      './client/vitest.config.ts',
    ],
  },
});
