/**
 * "The same SQL" for the side-by-side bench: the statements a piece of the API's work sends, taken from the query
 * functions themselves, and how it sends them. `capture` runs the work once on a logging Drizzle handle in a
 * transaction it rolls back and returns each statement with its parameters, marked when it went out together
 * with the one before it (pipelined); `replay` sends one again as a raw prepared postgres.js query, `replayAll`
 * a list in the same round trips as the API.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';

export interface Statement {
  text: string;
  params: unknown[];
  /**
   * Sent before the statement ahead of it had answered (in the same turn of the event loop): the connection
   * pipelined the two, one round trip for both.
   */
  withPrevious: boolean;
}

export type CaptureHandle = ReturnType<typeof drizzle>;

/** The statements `work` sends, in order (inside a transaction that is rolled back; BEGIN/COMMIT left out). */
export async function capture(
  sql: postgres.Sql,
  work: (db: CaptureHandle) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  // A statement's answer arrives in a later turn of the event loop than the statement went out (postgres.js
  // writes at the end of a turn): statements logged in the same turn did not wait for one another.
  let turn = 0;
  let lastTurn = -1;
  let ticking = setImmediate(function tick() {
    turn++;
    ticking = setImmediate(tick);
  });
  const logged = drizzle(sql, {
    logger: {
      logQuery: (text, params) => {
        statements.push({ text, params, withPrevious: turn === lastTurn });
        lastTurn = turn;
      },
    },
  });
  await logged
    .transaction(async (tx) => {
      await work(tx as unknown as CaptureHandle);
      throw new Error('rollback');
    })
    .catch(() => {})
    .finally(() => clearImmediate(ticking));
  return statements.filter((s) => !/^(begin|commit|rollback)/i.test(s.text));
}

/** A statement as Drizzle's postgres.js setup sends it: Dates as ISO strings, prepared, rows as arrays. */
export function replay(tx: postgres.TransactionSql, statement: Statement, params = statement.params) {
  const values = params.map((p) => (p instanceof Date ? p.toISOString() : p));
  return tx.unsafe(statement.text, values as never[], { prepare: true }).values();
}

/**
 * The statements in the API's round trips: each with the ones marked `withPrevious` after it sent at once, the
 * groups one after another. `send` replays one (with its own parameters, say).
 */
export async function replayAll(
  statements: Statement[],
  send: (statement: Statement) => PromiseLike<unknown>,
): Promise<void> {
  let group: PromiseLike<unknown>[] = [];
  for (const statement of statements) {
    if (!statement.withPrevious && group.length > 0) {
      await Promise.all(group);
      group = [];
    }
    group.push(send(statement));
  }
  await Promise.all(group);
}

/**
 * A request transaction's statements as the API sends them (inAuditContext): its audit context, then the work's
 * first statement in the same round trip.
 */
export function afterContext(context: Statement[], work: Statement[]): Statement[] {
  const [first, ...rest] = work;
  return first ? [...context, { ...first, withPrevious: true }, ...rest] : context;
}
