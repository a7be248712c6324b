import { defineConfig } from 'vitest/config';

// *.pg.test.ts: about the PostgreSQL server and driver themselves (outages, start-up as a login role); they run in
// the PostgreSQL pass (TEST_DATABASE_URL or DATABASE_URL set, as in CI), since embedded PGlite has neither.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);

export default defineConfig({
  test: {
    globalSetup: ['./src/testing/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    exclude: onPostgres ? [] : ['test/**/*.pg.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
