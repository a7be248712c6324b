import { defineConfig } from 'vitest/config';

/** `pnpm --filter @vetflow/api bench:live`: the live updates benchmark (bench/live.bench.ts), never in `pnpm test`. */
export default defineConfig({
  test: {
    globalSetup: ['../../packages/db/src/testing/global-setup.ts'],
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
    reporters: ['default'],
  },
});
