import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The per-IP sign-in limit: a fixed one-minute window per address, counted where auth.login runs (every call
 * of a batch), in the database so that it survives restarts and holds across API processes.
 */
export const loginRateLimits = pgTable(
  'login_rate_limits',
  {
    ip: text('ip').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true, precision: 3 }).notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [check('login_rate_limits_attempts_check', sql`${t.attempts} >= 1`)],
);
