import { defineConfig } from 'vitest/config';

// The scale e2e only (`make e2e-scale`): it needs an app started with SCALE>=2 (several messages-service
// instances behind HAProxy), which the default `make up` is not, so vitest.e2e.config.ts leaves it out.
export default defineConfig({
  test: {
    name: 'client-e2e-scale',
    root: new URL('.', import.meta.url).pathname,
    include: ['e2e/scale.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // What a user sees within a few seconds passes (Playwright's own default is 5 s); Vitest's 1 s failed
    // focus and menu checks on a loaded CI machine where a frame can take that long. A poll still fails
    // when the state never comes.
    expect: { poll: { timeout: 5_000 } },
  },
});
