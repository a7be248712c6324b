import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, customType, timestamp } from 'drizzle-orm/pg-core';
import { DATE_RANGE, DATETIME_RANGE } from './values';

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

/** CHECK body: a date column lies in the clinic's date range (the validators apply the same DATE_RANGE). */
export const dateInRange = (column: AnyPgColumn): SQL =>
  sql`${column} between ${literal(DATE_RANGE.min)}::date and ${literal(DATE_RANGE.max)}::date`;

/** CHECK body: a timestamptz column lies in the clinic's range (DATETIME_RANGE, explicit UTC: no TimeZone needed). */
export const instantInRange = (column: AnyPgColumn): SQL =>
  sql`${column} between ${literal(DATETIME_RANGE.min)}::timestamptz and ${literal(DATETIME_RANGE.max)}::timestamptz`;
