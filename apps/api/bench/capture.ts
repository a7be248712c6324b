/**
 * "The same SQL" for the side-by-side bench: the statements a piece of the API's work sends, taken from the query
 * functions themselves. `capture` runs the work once on a logging Drizzle handle in a transaction it rolls back
 * and returns each statement with its parameters; `replay` sends them again as raw prepared postgres.js queries.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';

export interface Statement {
  text: string;
  params: unknown[];
}

export type CaptureHandle = ReturnType<typeof drizzle>;

/** The statements `work` sends, in order (inside a transaction that is rolled back; BEGIN/COMMIT left out). */
export async function capture(
  sql: postgres.Sql,
  work: (db: CaptureHandle) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  const logged = drizzle(sql, { logger: { logQuery: (text, params) => statements.push({ text, params }) } });
  await logged
    .transaction(async (tx) => {
      await work(tx as unknown as CaptureHandle);
      throw new Error('rollback');
    })
    .catch(() => {});
  return statements.filter((s) => !/^(begin|commit|rollback)/i.test(s.text));
}

/** A statement as Drizzle's postgres.js setup sends it: Dates as ISO strings, prepared, rows as arrays. */
export function replay(tx: postgres.TransactionSql, statement: Statement, params = statement.params) {
  const values = params.map((p) => (p instanceof Date ? p.toISOString() : p));
  return tx.unsafe(statement.text, values as never[], { prepare: true }).values();
}
