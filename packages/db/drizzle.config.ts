import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from packages/schema; custom SQL (triggers, constraints Drizzle cannot express)
// lives in migrations made with `drizzle-kit generate --custom`.
export default defineConfig({
  dialect: 'postgresql',
  schema: '../schema/src/tables/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
