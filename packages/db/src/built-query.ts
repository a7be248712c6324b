import * as drizzleOrm from 'drizzle-orm';
import { Column, getTableName, is, type Placeholder, type Query, SQL, Subquery, sql } from 'drizzle-orm';
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
export interface SelectLike {
  getSQL(): SQL;
  _: { selectedFields: Record<string, unknown>; result: unknown };
}

interface BuiltSelect {
  query: Query;
  fields: SelectedFieldsOrdered;
  joinsNotNullableMap: Record<string, boolean> | undefined;
  /** The rows' mapping with its decoders found once (`rowMapper`), or undefined for Drizzle's own. */
  mapRows: ((rows: unknown[][]) => unknown[]) | undefined;
}

function builtSelect(select: SelectLike): BuiltSelect {
  const fields = orderSelectedFields(select._.selectedFields);
  // Which joined tables may come back as a null object (left joins): the row mapping needs it.
  const joinsNotNullableMap = (select as unknown as { joinsNotNullableMap?: Record<string, boolean> })
    .joinsNotNullableMap;
  return {
    query: dialect.sqlToQuery(select.getSQL()),
    fields,
    joinsNotNullableMap,
    mapRows: rowMapper(fields, joinsNotNullableMap),
  };
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/** The decoder Drizzle's row mapping uses for a selected field (drizzle-orm's utils.js, mapResultRow). */
function decoderOf(field: unknown): Decoder {
  // `decoder` is internal to Drizzle's SQL (not in its typings), as mapResultRow reads it.
  const decoder = (sqlOf: unknown) => (sqlOf as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder((field as unknown as { _: { sql: SQL } })._.sql);
  return decoder((field as SQL.Aliased).sql);
}

/**
 * The rows' mapping as Drizzle's `mapResultRow` does it — each value through its field's decoder, into the
 * field's path (a nested object per joined table), a left-joined table's object null where the join found
 * nothing — with the decoders, paths and nullable objects found once per statement, not for every field of every
 * row (a tenth of a list's CPU in issue 12's profiles). Undefined for a selection nested deeper than one object:
 * that case stays Drizzle's.
 */
function rowMapper(
  fields: SelectedFieldsOrdered,
  joinsNotNullableMap: Record<string, boolean> | undefined,
): ((rows: unknown[][]) => unknown[]) | undefined {
  if (fields.some(({ path }) => path.length > 2)) return undefined;
  const paths = fields.map(({ path }) => path);
  const decoders = fields.map(({ field }) => decoderOf(field));
  const nullable = joinsNotNullableMap ? nullableObjects(fields, joinsNotNullableMap) : [];
  const template = rowTemplate(paths);
  const nested = Object.keys(template).filter((key) => template[key] !== null);
  return (rows) =>
    rows.map((row) => {
      const out: Record<string, unknown> = { ...template };
      for (const key of nested) out[key] = { ...(template[key] as object) };
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i]!;
        const raw = row[i];
        const value = raw === null ? null : decoders[i]!.mapFromDriverValue(raw);
        if (path.length === 1) out[path[0]!] = value;
        else (out[path[0]!] as Record<string, unknown>)[path[1]!] = value;
      }
      for (const { object, firstKey } of nullable) {
        if ((out[object] as Record<string, unknown>)[firstKey] === null) out[object] = null;
      }
      return out;
    });
}

/**
 * A row's keys (and its nested objects' keys), in the selection's order, every value null: each row starts as a
 * copy of it. Made by JSON.parse, which gives an object of any size fast properties, and copied by spread, which
 * keeps them. A row built key by key from `{}` became a dictionary past about twenty keys (an audit row), and V8
 * then reads it, copies it and writes it as JSON several times slower (issue 12: 3.4 µs to copy one audit row).
 */
function rowTemplate(paths: string[][]): Record<string, unknown> {
  const shape: Record<string, Record<string, null> | null> = {};
  for (const path of paths) {
    if (path.length === 1) shape[path[0]!] = null;
    else {
      shape[path[0]!] ??= {};
      shape[path[0]!]![path[1]!] = null;
    }
  }
  return JSON.parse(JSON.stringify(shape));
}

/**
 * The nested objects Drizzle's `mapResultRow` sets to null when their first column is null: those whose columns
 * all come from one table that a join may leave unmatched (not in `joinsNotNullableMap` as never null).
 */
function nullableObjects(
  fields: SelectedFieldsOrdered,
  joinsNotNullableMap: Record<string, boolean>,
): { object: string; firstKey: string }[] {
  const byObject = new Map<string, { firstKey: string; table: string | null }>();
  for (const { path, field } of fields) {
    if (path.length !== 2 || !is(field, Column)) continue;
    const table = getTableName(field.table);
    const seen = byObject.get(path[0]!);
    if (!seen) byObject.set(path[0]!, { firstKey: path[1]!, table });
    else if (seen.table !== table) seen.table = null;
  }
  return [...byObject]
    .filter(([, { table }]) => table !== null && !joinsNotNullableMap[table])
    .map(([object, { firstKey }]) => ({ object, firstKey }));
}

/** Runs a built select on `db` (its session: the transaction's connection and role) with these values. */
function runSelect<Row>(db: Executor, built: BuiltSelect, values: Record<string, unknown>): Promise<Row> {
  const prepared = db._.session.prepareQuery(built.query, built.fields, undefined, true, built.mapRows);
  Object.assign(prepared, { joinsNotNullableMap: built.joinsNotNullableMap });
  return prepared.execute(encoded(values)) as Promise<Row>;
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
  let built: BuiltSelect | undefined;
  return (db, values) => {
    built ??= builtSelect(build(new QueryBuilder(dialect), placeholders(names)));
    return runSelect(db, built, values);
  };
}

/**
 * A select whose conditions depend on which filters a call uses (its shape: a few flags), built once per shape.
 * `build` receives the flags as well; the values of filters a shape leaves out are not read.
 */
export function selectByShape<F extends string, P extends string, Q extends SelectLike>(
  names: readonly P[],
  build: (qb: QueryBuilder, p: Placeholders<P>, shape: Record<F, boolean>) => Q,
): (
  db: Executor,
  shape: Record<F, boolean>,
  values: Partial<Record<P, unknown>>,
) => Promise<Q['_']['result']> {
  // At most 2^flags entries: the shapes are the code's, never the input's.
  const byKey = selectsByKey();
  return (db, shape, values) =>
    byKey(
      db,
      JSON.stringify(Object.entries(shape).sort()),
      () => build(new QueryBuilder(dialect), placeholders(names), shape),
      values,
    );
}

/**
 * Selects built once per key, for statements whose shape comes from a few facts of the input (a search's
 * shape): `build` runs only for a key not seen yet. At most `max` are kept (the oldest built goes first), so
 * no sequence of inputs grows it without bound.
 */
export function selectsByKey(max = 500) {
  const built = new Map<string, BuiltSelect>();
  return <Row>(
    db: Executor,
    key: string,
    build: () => SelectLike,
    values: Record<string, unknown>,
  ): Promise<Row> => {
    let select = built.get(key);
    if (!select) {
      select = builtSelect(build());
      if (built.size >= max) built.delete(built.keys().next().value!);
      built.set(key, select);
    }
    return runSelect(db, select, values);
  };
}

/**
 * A page size written into a built statement's text instead of bound to a placeholder. PostgreSQL plans a bound
 * LIMIT as if it kept a tenth of the rows, so such a statement never earns a generic plan and is planned again on
 * every call; on the partitioned audit log that planning (every month's partition, every call) cost more than
 * running the statement. For statements built once per page size (a key that includes it).
 */
export function writtenLimit(size: number): number {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`not a page size: ${size}`);
  // Drizzle writes an SQL object given as the limit into the text as it is (its typings only name numbers).
  return sql.raw(String(size)) as unknown as number;
}

/** The session-less builder `selectNow` takes selects from. */
export const queryBuilder = () => new QueryBuilder(dialect);

/**
 * A select written with the session-less builder, built and run now: for a shape too varied to keep (a search
 * whose conditions list what it found), so the same select code serves the built and the one-off path.
 */
export function selectNow<Q extends SelectLike>(db: Executor, select: Q): Promise<Q['_']['result']> {
  return runSelect(db, builtSelect(select), {});
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
