import { sql } from 'drizzle-orm';
import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Case-insensitive text (the citext extension): emails and usernames compare without regard to case. */
export const citext = customType<{ data: string }>({
  dataType: () => 'citext',
});

/**
 * Timestamps are kept at millisecond precision so that the `updatedAt` a browser saw (a JS Date) compares
 * exactly with the stored value for stale-edit checks. The database's trigger maintains updated_at.
 */
const nowMs = sql`date_trunc('milliseconds', now())`;

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(nowMs),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(nowMs),
});

/** Embeds a constant as an SQL string literal in DDL (CHECK constraints); only for our own constants. */
export const literal = (value: string) => sql.raw(`'${value.replaceAll("'", "''")}'`);
