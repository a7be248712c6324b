import * as drizzleOrm from 'drizzle-orm';
import { type Placeholder, type Query, type SQL, sql } from 'drizzle-orm';
import { PgDialect, QueryBuilder, type SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/**
 * Statements built once. Drizzle builds a query's SQL text from its builder tree on every call, and on the hot
 * paths (the session check, the audit context, a patient's chart) that building cost more CPU than the rest of
 * the request's Node work together (issue 12's profile). A built query is written with the same builder, once,
 * with placeholders where the values go; each call only binds its values and runs it on the executor it is
 * given — the request's transaction, as its user's database role — through Drizzle's own prepared-query path
 * (the same row mapping, the same drivers). The text is also stable, so the pool's connections prepare it once.
 *
 * Values bound to placeholders skip the columns' own encoding, so they are sent as the drivers take them: a
 * Date as its ISO time (Drizzle's postgres.js setup turns the driver's own date serializer off).
 */

/** Drizzle's column ordering for a selection: internal (not in its typings) but the one its own `_prepare` uses. */
const orderSelectedFields = (
  drizzleOrm as unknown as {
    orderSelectedFields: (fields: Record<string, unknown>) => SelectedFieldsOrdered;
  }
).orderSelectedFields;

// The dialect every handle here uses (createDb passes no casing), so the text is the one Drizzle would send.
const dialect = new PgDialect();

type Placeholders<P extends string> = { [K in P]: Placeholder<K> };

/** The values as the drivers take them (see above). */
function encoded<P extends string>(values: Record<P, unknown>): Record<P, unknown> {
  const out = { ...values };
  for (const key in out) if (out[key] instanceof Date) out[key] = (out[key] as Date).toISOString();
  return out;
}

function placeholders<P extends string>(names: readonly P[]): Placeholders<P> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Placeholders<P>;
}

/** What a select builder exposes that a built query needs (its text, its selection, its joins' nullability). */
interface SelectLike {
  getSQL(): SQL;
  _: { selectedFields: Record<string, unknown>; result: unknown };
}

/**
 * A select built once: `build` receives a session-less query builder and the named placeholders, and returns
 * the select (the same code a query function would write). The result is a function of an executor and the
 * placeholders' values that resolves to the rows, typed as the select's.
 */
export function selectOnce<P extends string, Q extends SelectLike>(
  names: readonly P[],
  build: (qb: QueryBuilder, p: Placeholders<P>) => Q,
): (db: Executor, values: Record<P, unknown>) => Promise<Q['_']['result']> {
  let built: { query: Query; fields: SelectedFieldsOrdered; joinsNotNullableMap: unknown } | undefined;
  return (db, values) => {
    if (!built) {
      const select = build(new QueryBuilder(dialect), placeholders(names));
      built = {
        query: dialect.sqlToQuery(select.getSQL()),
        fields: orderSelectedFields(select._.selectedFields),
        // Which joined tables may come back as a null object (left joins): the row mapping needs it.
        joinsNotNullableMap: (select as unknown as { joinsNotNullableMap: unknown }).joinsNotNullableMap,
      };
    }
    const prepared = db._.session.prepareQuery(built.query, built.fields, undefined, true);
    Object.assign(prepared, { joinsNotNullableMap: built.joinsNotNullableMap });
    return prepared.execute(encoded(values)) as Promise<Q['_']['result']>;
  };
}

/**
 * A statement without a selection (a `select set_config(...)`, a function call) built once from an `sql`
 * template over the named placeholders. Resolves to nothing: for statements run for their effect.
 */
export function statementOnce<P extends string>(
  names: readonly P[],
  build: (p: Placeholders<P>) => SQL,
): (db: Executor, values: Record<P, unknown>) => Promise<void> {
  let query: Query | undefined;
  return async (db, values) => {
    query ??= dialect.sqlToQuery(build(placeholders(names)));
    await db._.session.prepareQuery(query, undefined, undefined, false).execute(encoded(values));
  };
}
