import { type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** Escapes LIKE wildcards so user text matches literally. */
export const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A search's words as a statement's parameters (issue 12). The search conditions below are written with its
 * placeholders, so a search tier's statement depends only on the search's `shape` (how many words, which of them
 * may be typos, whether it is a phone number) and is built once per shape (built-query.ts); the words travel as
 * the `values`. Whoever builds a statement from it reads only the shape's flags, never the words.
 */
export class SearchTerms {
  readonly count: number;
  /** Which words the typo fallback matches by likeness (`typoWord`). */
  readonly typo: readonly boolean[];
  /** A phone search (`phoneSearchDigits`): its digits are the `phone*` parameters. */
  readonly phone: boolean;
  readonly values: Record<string, unknown>;
  readonly shape: string;

  constructor(search: string | undefined) {
    const words = searchWords(search);
    const digits = phoneSearchDigits(search);
    this.count = words.length;
    this.typo = words.map(typoWord);
    this.phone = digits !== null;
    this.values = { whole: (search ?? '').trim() };
    words.forEach((word, i) => {
      this.values[`word${i}`] = word;
      this.values[`like${i}`] = likeLiteral(word);
    });
    if (digits) Object.assign(this.values, phoneDigitsValues(digits));
    this.shape = `${this.count}:${this.typo.map(Number).join('')}:${this.phone ? 'phone' : ''}`;
  }

  /** Word `i` as typed. */
  word(i: number): Placeholder {
    return sql.placeholder(`word${i}`);
  }

  /** Word `i` as an ILIKE pattern matching it anywhere (`likeLiteral`). */
  like(i: number): Placeholder {
    return sql.placeholder(`like${i}`);
  }

  /** The whole search, trimmed. */
  whole(): Placeholder {
    return sql.placeholder('whole');
  }

  indexes(): number[] {
    return Array.from({ length: this.count }, (_, i) => i);
  }
}

/**
 * Every word of the search must appear somewhere in `expression` (case-insensitive). With a trigram GIN index
 * on the same expression PostgreSQL answers this without scanning the table. The words are values, or a
 * SearchTerms' placeholders.
 */
export function matchesAllWords(expression: SQL, search: string | SearchTerms | undefined): SQL | undefined {
  const likes =
    search instanceof SearchTerms
      ? search.indexes().map((i) => search.like(i))
      : searchWords(search).map(likeLiteral);
  if (likes.length === 0) return undefined;
  return sql.join(
    likes.map((like) => sql`${expression} ilike ${like}`),
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
 * of one of the two digit indexes; selective from four digits on, whatever the number of owners. The patterns
 * are a phone search's SearchTerms parameters (`phoneDigitsValues`).
 */
export function phoneDigitsMatch(): SQL {
  const p = (name: keyof ReturnType<typeof phoneDigitsValues>) => sql.placeholder(name);
  return sql`(reverse(${ownerPhoneDigits}) like ${p('phoneEnd')} or ${ownerPhoneDigits} like ${p('phoneStart')} or ${ownerPhoneDigits} like ${p('phoneStartOne')})`;
}

function phoneDigitsValues(digits: string) {
  return {
    phoneEnd: `${[...digits].reverse().join('')}%`,
    phoneStart: `${digits}%`,
    phoneStartOne: `1${digits}%`,
  };
}

/** The words of a search, at most eight (as `matchesAllWords` reads them). */
export const searchWords = (search: string | undefined) =>
  (search ?? '').split(/\s+/).filter(Boolean).slice(0, 8);

/**
 * A column lowercased and compared byte by byte: the form the search's btree indexes hold (owners and patients
 * tables), so a prefix is an index range and the index's order is the tier's order, on every server locale.
 */
export const lowerC = (column: SQL | SQLWrapper) => sql`(lower(${column}) collate "C")`;

/**
 * `expression` (a `lowerC` form) starts with `prefix`, case-insensitively, written as a range (>= prefix,
 * < prefix + the last code point) rather than LIKE: a range stays an index range in a prepared statement's
 * generic plan, where a LIKE pattern from a parameter does not. The prefix is lowercased by the database, as
 * the indexed names are (JavaScript's and the server's lower case differ beyond ASCII).
 */
export function startsWith(expression: SQL, prefix: Placeholder): SQL {
  const low = sql`lower(${prefix}::text)`;
  return sql`(${expression} >= ${low} and ${expression} < ${low} || ${'\u{10FFFF}'})`;
}

/**
 * A word matched by likeness: a name's letters (apostrophes and hyphens too), four or more. Shorter words
 * are a typo away from too many names; emails and numbers share trigrams with every row ("exa", "com", "555"),
 * so a likeness search for them reads the whole trigram index for nothing (they find by prefix or contents).
 */
const typoWord = (word: string) => word.length >= 4 && /^\p{L}[\p{L}'-]*$/u.test(word);

/**
 * The typo fallback: every name-like word (`typoWord`) matches a word of the text close to it (pg_trgm's
 * `<<%`, strict word similarity ≥ 0.5, its default: "Jonson" finds Johnson), any other must be in it as typed;
 * one trigram index condition per word, ANDed, never ORed (an OR of two trigram scans costs the planner more
 * than reading a mid-sized table whole). Undefined when no word is long enough to be a typo of another.
 */
export function matchesAllWordsClosely(expression: SQL, terms: SearchTerms): SQL | undefined {
  if (!terms.typo.some(Boolean)) return undefined;
  return sql.join(
    terms
      .indexes()
      .map((i) =>
        terms.typo[i] ? sql`${terms.word(i)} <<% ${expression}` : sql`${expression} ilike ${terms.like(i)}`,
      ),
    sql` and `,
  );
}
