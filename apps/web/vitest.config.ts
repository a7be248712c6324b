import { defineConfig } from 'vitest/config';

/** Unit tests of browser-side logic (formatting, diffs, status actions); no DOM needed. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
