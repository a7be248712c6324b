import { type Placeholder, sql } from 'drizzle-orm';
import { statementOnce } from './built-query';
import type { Transaction } from './client';

/** Who is acting and from where: what the audit triggers record for every change in the transaction. */
export interface AuditContext {
  userId: string | null;
  requestId?: string | null | undefined;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
}

/** The database role a request's transaction runs as (roles.ts), and how. */
export interface ActingRole {
  /** The role's name (databaseRoleNames). */
  role: string;
  /** A read: the transaction refuses every write. */
  readOnly?: boolean | undefined;
  /** The request's clock, for the rules PostgreSQL checks in time (a record's 24-hour amendment window). */
  now?: Date | undefined;
}

const AUDIT_NAMES = ['userId', 'requestId', 'ip', 'userAgent'] as const;
const ROLE_NAMES = [...AUDIT_NAMES, 'now', 'role'] as const;
type AuditPlaceholders = Record<(typeof AUDIT_NAMES)[number], Placeholder>;

const auditSettings = (p: AuditPlaceholders) => sql`set_config('app.user_id', ${p.userId}, true),
    set_config('app.request_id', ${p.requestId}, true),
    set_config('app.ip', ${p.ip}, true),
    set_config('app.user_agent', ${p.userAgent}, true)`;

// One statement per variant, built once (built-query.ts): this runs at the start of every request.
const setAudit = statementOnce(AUDIT_NAMES, (p) => sql`select ${auditSettings(p)}`);
// The role last: the settings before it are made with the connection's own role.
const setAuditAsRole = statementOnce(
  ROLE_NAMES,
  (p) =>
    sql`select ${auditSettings(p)}, set_config('app.now', ${p.now}, true), set_config('role', ${p.role}, true)`,
);
const setAuditAsRoleReadOnly = statementOnce(
  ROLE_NAMES,
  (p) => sql`select ${auditSettings(p)}, set_config('app.now', ${p.now}, true),
    set_config('transaction_read_only', 'on', true), set_config('role', ${p.role}, true)`,
);

/**
 * Sets the audit context for the current transaction only (`set_config(..., true)`): never a session-level
 * SET, which would leak to the next user of a pooled connection. With `acting`, the same statement switches the
 * transaction to that role (`SET LOCAL ROLE`) and, for a read, to read-only: one round trip for all of it.
 */
export async function setAuditContext(
  tx: Transaction,
  context: AuditContext,
  acting?: ActingRole,
): Promise<void> {
  const audit = {
    userId: context.userId ?? '',
    requestId: context.requestId ?? '',
    ip: context.ip ?? '',
    userAgent: (context.userAgent ?? '').slice(0, 500),
  };
  if (!acting) return setAudit(tx, audit);
  // Written out rather than `{ ...audit, now, role }`: that spread cost a microsecond per request on Node 20.
  const values = {
    userId: audit.userId,
    requestId: audit.requestId,
    ip: audit.ip,
    userAgent: audit.userAgent,
    now: acting.now?.toISOString() ?? '',
    role: acting.role,
  };
  return (acting.readOnly ? setAuditAsRoleReadOnly : setAuditAsRole)(tx, values);
}

/**
 * Runs `work` in the transaction after its audit context (and, with `acting`, its role switch) without waiting a
 * round trip in between: the context's statement goes out and `work`'s first statement right behind it, on the
 * same connection (postgres.js pipelines a connection's queries, PGlite queues them), and PostgreSQL runs them in
 * that order. Should the context fail, the transaction is aborted, so none of work's statements runs (each fails
 * in turn), and the context's own error is the one thrown. Two round trips of every request were these waits.
 */
export async function inAuditContext<T>(
  tx: Transaction,
  context: AuditContext,
  acting: ActingRole | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const contextSet = setAuditContext(tx, context, acting);
  // Handled at once: it may fail while work is still running, before it is awaited below.
  contextSet.catch(() => undefined);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await contextSet; // when the context failed, that is the cause to report, not work's aborted statements
    throw error;
  }
  await contextSet;
  return result;
}
