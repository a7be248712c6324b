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
