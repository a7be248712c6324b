import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sign-in failure counters (OWASP device cookies). `account` is the account's id, or for a username that names no
 * account a keyed hash of it (so a password typed into the username box is never stored): known and unknown
 * usernames take the same path. `device_id` '' is the counter every untrusted client shares; any other value is
 * a browser that has signed in to this account before (the row is its trust) and has a counter of its own.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    account: text('account').notNull(),
    deviceId: text('device_id').notNull().default(''),
    failures: integer('failures').notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true, precision: 3 }),
    /** Throttled refusals since the last login_throttled audit row (one summarising row per window). */
    unloggedRefusals: integer('unlogged_refusals').notNull().default(0),
    refusalsLoggedAt: timestamp('refusals_logged_at', { withTimezone: true, precision: 3 }),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'login_throttles_pkey', columns: [t.account, t.deviceId] }),
    check('login_throttles_failures_check', sql`${t.failures} >= 0 and ${t.unloggedRefusals} >= 0`),
  ],
);
