import { sql } from 'drizzle-orm';
import { index, inet, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { systemUsers } from './system-users';

/**
 * Lucia-style sessions: the id is the SHA-256 (hex) of the token; the raw token exists only in the cookie.
 * Session lists and revocation use `public_id`, random and unrelated to the token (244 random bits, hex).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    publicId: text('public_id')
      .notNull()
      .unique('sessions_public_id_key')
      .default(sql`encode(sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())), 'hex')`),
    userId: uuid('user_id')
      .notNull()
      .references(() => systemUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);
