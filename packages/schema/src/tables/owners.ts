import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { citext, literal, timestamps } from '../columns';
import { EMAIL_PATTERN, PHONE_PATTERN } from '../values';

export const owners = pgTable(
  'owners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: citext('email'),
    phone: text('phone').notNull(),
    address: text('address'),
    notes: text('notes'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    check('owners_email_check', sql`${t.email} ~* ${literal(EMAIL_PATTERN)}`),
    check('owners_phone_check', sql`${t.phone} ~ ${literal(PHONE_PATTERN)}`),
    check('owners_name_check', sql`length(btrim(${t.firstName})) > 0 and length(btrim(${t.lastName})) > 0`),
    uniqueIndex('owners_active_email_key').on(t.email).where(sql`${t.isActive}`),
    index('owners_email_idx').on(t.email),
    index('owners_phone_idx').on(t.phone),
    // Phone search by digits, any format: starts with / ends with (packages/db queries/search.ts
    // ownerPhoneDigits is the same expression).
    index('owners_phone_digits_idx').on(sql`regexp_replace(${t.phone}, '[^0-9]', '', 'g') text_pattern_ops`),
    index('owners_phone_digits_reversed_idx').on(
      sql`reverse(regexp_replace(${t.phone}, '[^0-9]', '', 'g')) text_pattern_ops`,
    ),
    index('owners_active_name_idx').on(t.lastName, t.firstName).where(sql`${t.isActive}`),
    // The search's prefix tiers (packages/db queries/owners.ts ownerKeys, the same expressions): a prefix is a
    // range of one of these, read in the order the tier shows, so a page stops after its rows (issue 12).
    index('owners_search_last_first_idx').on(
      sql`(lower(${t.lastName}) collate "C")`,
      sql`(lower(${t.firstName}) collate "C")`,
      t.id,
    ),
    index('owners_search_first_last_idx').on(
      sql`(lower(${t.firstName}) collate "C")`,
      sql`(lower(${t.lastName}) collate "C")`,
      t.id,
    ),
    index('owners_search_email_idx').on(sql`(lower(${t.email}::text) collate "C")`, t.id),
  ],
);
