import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { citext, literal, timestamps } from '../columns';
import { userRole } from '../enums';
import { EMAIL_PATTERN, LIMITS } from '../values';

/** Clinic staff. `password_hash` never leaves the server and never enters the audit log. */
export const systemUsers = pgTable(
  'system_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: citext('username').notNull().unique('system_users_username_key'),
    email: citext('email').notNull().unique('system_users_email_key'),
    fullName: text('full_name').notNull(),
    role: userRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, precision: 3 }),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    loginBlockedUntil: timestamp('login_blocked_until', { withTimezone: true, precision: 3 }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    ...timestamps(),
  },
  (t) => [
    check('system_users_email_check', sql`${t.email} ~* ${literal(EMAIL_PATTERN)}`),
    check(
      'system_users_username_check',
      sql`${t.username} ~ '^[a-zA-Z0-9._-]{3,${sql.raw(String(LIMITS.username))}}$'`,
    ),
    check(
      'system_users_full_name_check',
      sql`length(btrim(${t.fullName})) between 1 and ${sql.raw(String(LIMITS.name))}`,
    ),
    check('system_users_failed_login_count_check', sql`${t.failedLoginCount} >= 0`),
  ],
);
