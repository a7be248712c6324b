import { sql } from 'drizzle-orm';
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
  const audit = sql`set_config('app.user_id', ${context.userId ?? ''}, true),
    set_config('app.request_id', ${context.requestId ?? ''}, true),
    set_config('app.ip', ${context.ip ?? ''}, true),
    set_config('app.user_agent', ${(context.userAgent ?? '').slice(0, 500)}, true)`;
  if (!acting) {
    await tx.execute(sql`select ${audit}`);
    return;
  }
  const readOnly = acting.readOnly ? sql`set_config('transaction_read_only', 'on', true),` : sql``;
  // The role last: the settings before it are made with the connection's own role.
  await tx.execute(sql`select ${audit},
    set_config('app.now', ${acting.now?.toISOString() ?? ''}, true), ${readOnly}
    set_config('role', ${acting.role}, true)`);
}
