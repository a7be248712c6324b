import { configDefaults, defineConfig } from 'vitest/config';

/** Files run side by side: E2E_WORKERS, else 2 (CI's machine has two cores; Chromium and the servers share them). */
const workers = Number(process.env.E2E_WORKERS ?? 2);

/**
 * Browser end-to-end tests: the API (with its embedded PGlite database and the demo clinic) serves the
 * production build from dist/, and Debian's Chromium drives it through playwright-core. Build first:
 * `pnpm --filter @vetflow/web build && pnpm --filter @vetflow/web test:e2e`.
 *
 * Files run in `workers` processes at once. global-setup starts one shared server per worker, so two files
 * running at the same time never share a server; a file that changes what others would see starts its own
 * (withOwnServer in e2e/support.ts).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // *.pg.test.ts need a PostgreSQL server (E2E_DATABASE_URL; each makes a database of its own, e2e/postgres.ts).
    exclude: [...configDefaults.exclude, ...(process.env.E2E_DATABASE_URL ? [] : ['e2e/**/*.pg.test.ts'])],
    globalSetup: ['e2e/global-setup.ts'],
    maxWorkers: workers,
    fileParallelism: workers > 1,
    testTimeout: 90_000,
    hookTimeout: 240_000,
    // expect.poll waits as long as a Playwright action does (newContext sets 15 s), not vitest's 1 s: on a busy
    // machine, and with two files at a time, a screen that answers correctly a little later is not a failure.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    reporters: ['default'],
  },
});
