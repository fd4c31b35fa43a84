import { defineConfig } from 'vitest/config';

// End-to-end tests drive headless Chromium against the running app (`make up`); not part of `client`.
export default defineConfig({
  test: {
    name: 'client-e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    // Needs an app with several messages-service instances: `make e2e-scale` (vitest.e2e-scale.config.ts).
    exclude: ['e2e/scale.e2e.ts'],
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
