import { type SQL, sql } from 'drizzle-orm';

/** Escapes LIKE wildcards so user text matches literally. */
export const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every word of the search must appear somewhere in `expression` (case-insensitive). With a trigram GIN index
 * on the same expression PostgreSQL answers this without scanning the table.
 */
export function matchesAllWords(expression: SQL, search: string | undefined): SQL | undefined {
  const words = (search ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  return sql.join(
    words.map((word) => sql`${expression} ilike ${likeLiteral(word)}`),
    sql` and `,
  );
}

/** The expression `owners_search_trgm_idx` indexes (migration 0002): keep the two identical. */
export const ownerSearchText = sql`("owners"."first_name" || ' ' || "owners"."last_name" || ' ' || coalesce("owners"."email"::text, '') || ' ' || "owners"."phone")`;

/**
 * A phone's digits alone (any spacing and punctuation gone). Two btree indexes serve the phone search (migration
 * 0011): on this expression, and on its reverse, so both "starts with" and "ends with" are index range scans.
 */
export const ownerPhoneDigits = sql`regexp_replace("owners"."phone", '[^0-9]', '', 'g')`;

/** Fewer digits than this are in too many numbers to search by; such a search matches words only. */
export const MIN_PHONE_SEARCH_DIGITS = 4;
const PHONE_CHARACTERS = new Set('0123456789 +().-');

/**
 * The digits to look for when a search is a phone number, whole or in part, in any format ("(555) 170-2370",
 * "+1 555…", "555.170"), or null when it is not one (other characters, too few digits). A leading country code
 * 1 ("+1…", or eleven digits from a 1) is dropped; a 1 in front of fewer digits is kept: "12370" may be the end
 * of a number.
 */
export function phoneSearchDigits(search: string | undefined): string | null {
  const text = (search ?? '').trim();
  if (text.length === 0 || ![...text].every((c) => PHONE_CHARACTERS.has(c))) return null;
  let digits = text.replace(/[^0-9]/g, '');
  const countryCodeOne = digits.startsWith('1') && (text.startsWith('+') || digits.length === 11);
  if (countryCodeOne) digits = digits.slice(1);
  return digits.length >= MIN_PHONE_SEARCH_DIGITS ? digits : null;
}

/**
 * A stored phone matches a phone search whose digits (`phoneSearchDigits`) it ends with (the whole number, or
 * its last digits), or starts with, with or without a country code 1 (typing as you go). Each is a range scan
 * of one of the two digit indexes; selective from four digits on, whatever the number of owners.
 */
export function phoneDigitsMatch(digits: string): SQL {
  const reversed = [...digits].reverse().join('');
  return sql`(reverse(${ownerPhoneDigits}) like ${`${reversed}%`} or ${ownerPhoneDigits} like ${`${digits}%`} or ${ownerPhoneDigits} like ${`1${digits}%`})`;
}
