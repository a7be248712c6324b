import { sql } from 'drizzle-orm';
import type { Transaction } from './client';

/** Who is acting and from where: what the audit triggers record for every change in the transaction. */
export interface AuditContext {
  userId: string | null;
  requestId?: string | null | undefined;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
}

/**
 * Sets the audit context for the current transaction only (`set_config(..., true)`): never a session-level
 * SET, which would leak to the next user of a pooled connection.
 */
export async function setAuditContext(tx: Transaction, context: AuditContext): Promise<void> {
  await tx.execute(sql`select
    set_config('app.user_id', ${context.userId ?? ''}, true),
    set_config('app.request_id', ${context.requestId ?? ''}, true),
    set_config('app.ip', ${context.ip ?? ''}, true),
    set_config('app.user_agent', ${(context.userAgent ?? '').slice(0, 500)}, true)`);
}
