import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { QueryBuilder } from 'drizzle-orm/pg-core';
import { queryBuilder, type SelectLike, selectsByKey } from '../built-query';
import type { Executor } from '../client';
import { type CursorPart, decodeCursor, encodeCursor, InvalidCursorError, type Page } from './pagination';

/**
 * A search answered in tiers of relevance (issue 12): exact and prefix matches first, the fuzzy trigram matches
 * last. Each tier is one query with its own sort key, a key some btree index holds in that order, so a tier
 * reads only the rows it returns plus the ones its filter drops: a page of "Smi" costs the same with 200 owners
 * or 200,000, whatever the statistics say. The tiers run one after the other until the page is full; a later
 * tier runs only when the earlier ones had too few rows, and excludes what they matched, so no row shows twice.
 *
 * The cursor is [tier, ...that tier's sort key]: the next page resumes inside that tier, then goes on with
 * the next ones.
 */
export interface Tier {
  /** The sort key's column types (decodeCursor). */
  parts: readonly CursorPart[];
  /**
   * A last resort (the typo tier): it runs only when the tiers before it matched nothing, or a page of its
   * own rows came before, so a likeness never mixes unrelated names into results that matched as typed.
   */
  lastResort?: boolean;
  /**
   * This tier's one query, written with the session-less builder (built-query.ts): its rows after `after` (the
   * placeholders of its sort key; null on its first page), in key order, at most `limit` (a placeholder), each
   * with its sort key as the database computed it (`sortKey` below), so the cursor holds exactly what the next
   * page compares with.
   */
  select: (qb: QueryBuilder, after: Placeholder[] | null, limit: Placeholder) => SelectLike;
}

/**
 * A search: the key naming its shape (the same key, the same tiers and statements), its values, and how to
 * write its tiers (called once per key: the tiers are kept with their statements).
 */
export interface TieredSearch {
  key: string;
  tiers: () => readonly Tier[];
  values: Record<string, unknown>;
}

export interface Keyed {
  sortKey: unknown[];
}

/** The sort key as one selected value. */
export const sortKey = (key: readonly SQL[]) =>
  sql<unknown[]>`json_build_array(${sql.join([...key], sql`, `)})`;

/**
 * Each tier's statement is built once per search shape (issue 12: building them was most of a search's CPU in
 * the API) and runs as a prepared statement: PostgreSQL parses and plans it once per connection and shape; the
 * prefix conditions are ranges, which a generic plan still reads from the index (a LIKE pattern would not).
 */
const tierSelects = selectsByKey();
const tierLists = new Map<string, readonly Tier[]>();

/** The tiers of a search's shape, written on its first use (at most as many shapes as statements are kept). */
function tiersOf(search: TieredSearch): readonly Tier[] {
  let tiers = tierLists.get(search.key);
  if (!tiers) {
    tiers = search.tiers();
    if (tierLists.size >= 500) tierLists.delete(tierLists.keys().next().value!);
    tierLists.set(search.key, tiers);
  }
  return tiers;
}

export async function tieredPage<Row>(
  db: Executor,
  search: TieredSearch,
  cursor: string | null | undefined,
  limit: number,
): Promise<Page<Row>> {
  const tiers = tiersOf(search);
  let start = 0;
  let after: unknown[] | null = null;
  if (cursor) {
    const [tier] = decodeCursor(cursor, ['integer', ...anyParts(cursor)]) as [number];
    if (!(tier >= 0 && tier < tiers.length)) throw new InvalidCursorError();
    const values = decodeCursor(cursor, ['integer', ...tiers[tier]!.parts]);
    start = tier;
    after = values!.slice(1);
  }
  const found: { row: Row & Keyed; tier: number }[] = [];
  const resumedAt = cursor ? start : -1;
  for (let t = start; t < tiers.length && found.length <= limit; t++) {
    const tier = tiers[t]!;
    if (tier.lastResort && (found.length > 0 || (resumedAt >= 0 && resumedAt < t))) break;
    const resume = t === start ? after : null;
    const values: Record<string, unknown> = { ...search.values, limit: limit + 1 - found.length };
    resume?.forEach((value, i) => {
      values[`after${i}`] = value;
    });
    const rows = await tierSelects<(Row & Keyed)[]>(
      db,
      `${search.key}|${t}|${resume ? 'after' : 'first'}`,
      () =>
        tier.select(
          queryBuilder(),
          resume ? resume.map((_, i) => sql.placeholder(`after${i}`)) : null,
          sql.placeholder('limit'),
        ),
      values,
    );
    for (const row of rows) found.push({ row, tier: t });
  }
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ row: { sortKey: _, ...row } }) => row as Row),
    nextCursor: found.length > limit && last ? encodeCursor([last.tier, ...last.row.sortKey]) : null,
  };
}

/** The shape of whatever array the cursor holds, for the first pass that only reads its tier. */
function anyParts(cursor: string): CursorPart[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 1 && values.length < 12) {
      return values.slice(1).map((v) => (typeof v === 'number' ? 'integer' : 'text'));
    }
  } catch {
    // reported below
  }
  throw new InvalidCursorError();
}

/** `(a, b, c) > (x, y, z)` for a tier's sort key, or nothing on its first page. */
export function keyAfter(key: readonly SQL[], after: Placeholder[] | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...key], sql`, `)}) > (${sql.join(
    after.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
