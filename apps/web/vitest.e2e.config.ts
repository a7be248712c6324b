import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: the API (with its embedded PGlite database and the demo clinic) serves the
 * production build from dist/, and Debian's Chromium drives it through playwright-core. Build first:
 * `pnpm --filter @vetflow/web build && pnpm --filter @vetflow/web test:e2e`.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 240_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
