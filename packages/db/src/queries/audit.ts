import { type AuditAction, type AuditedTable, auditLog, systemUsers } from '@vetflow/schema';
import { and, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditContext } from '../audit-context';
import type { Executor } from '../client';
import { decodeCursor, toPage } from './pagination';

export interface AuditFilter {
  userId?: string | undefined;
  tableName?: AuditedTable | undefined;
  recordId?: string | undefined;
  action?: AuditAction | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The staff account a row is about (its record), beside the actor who made the change. */
const account = alias(systemUsers, 'account');

/**
 * The timeline, newest first; keyset on the identity id (monotonic with occurred_at). Each row names its actor
 * (`username`, `userFullName`) and, when it is about a staff account (a change to system_users, or an auth
 * event such as a password change or a revoked session), that account (`accountUsername`, `accountFullName`).
 */
export async function listAudit(db: Executor, filter: AuditFilter) {
  const after = decodeCursor(filter.cursor, ['integer']) as [number] | null;
  const rows = await db
    .select({
      ...getTableColumns(auditLog),
      userFullName: systemUsers.fullName,
      username: systemUsers.username,
      accountFullName: account.fullName,
      accountUsername: account.username,
    })
    .from(auditLog)
    .leftJoin(systemUsers, eq(systemUsers.id, auditLog.userId))
    .leftJoin(account, and(eq(auditLog.tableName, 'system_users'), eq(account.id, auditLog.recordId)))
    .where(
      and(
        filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
        filter.tableName ? eq(auditLog.tableName, filter.tableName) : undefined,
        filter.recordId ? eq(auditLog.recordId, filter.recordId) : undefined,
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.from ? gte(auditLog.occurredAt, filter.from) : undefined,
        filter.to ? lt(auditLog.occurredAt, filter.to) : undefined,
        after ? sql`${auditLog.id} < ${Number(after[0])}` : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (r) => [r.id]);
}

/** An auth event (login, failed login, throttled, logout, password change, session revoked) in the audit log. */
export async function recordAuthEvent(
  db: Executor,
  event: {
    action: AuditAction;
    actorId: string | null;
    subjectUserId: string | null;
    details?: Record<string, unknown>;
    context: Omit<AuditContext, 'userId'>;
  },
) {
  await db.insert(auditLog).values({
    action: event.action,
    userId: event.actorId,
    tableName: event.subjectUserId ? 'system_users' : null,
    recordId: event.subjectUserId,
    newValues: event.details ?? null,
    ip: event.context.ip ?? null,
    userAgent: event.context.userAgent?.slice(0, 500) ?? null,
    requestId: event.context.requestId ?? null,
  });
}
