import { auditLog, systemUsers } from '@vetflow/schema';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';

export interface LastChange {
  userId: string | null;
  fullName: string | null;
  occurredAt: Date;
}

/** Who changed a record last and when, from the audit trail: what a stale-edit conflict tells the user. */
export async function lastChange(
  db: Executor,
  tableName: string,
  recordId: string,
): Promise<LastChange | null> {
  const [row] = await db
    .select({ userId: auditLog.userId, fullName: systemUsers.fullName, occurredAt: auditLog.occurredAt })
    .from(auditLog)
    .leftJoin(systemUsers, eq(systemUsers.id, auditLog.userId))
    .where(and(eq(auditLog.tableName, tableName), eq(auditLog.recordId, recordId)))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** The outcome of a versioned update (`... where id = $1 and updated_at = $seen`). */
export type VersionedUpdate<T> =
  | { status: 'updated'; row: T }
  | { status: 'not_found' }
  | { status: 'stale'; current: T; lastChange: LastChange | null };

export async function versionedOutcome<T>(
  db: Executor,
  tableName: string,
  id: string,
  updated: T | undefined,
  loadCurrent: () => Promise<T | undefined>,
): Promise<VersionedUpdate<T>> {
  if (updated) return { status: 'updated', row: updated };
  const current = await loadCurrent();
  if (!current) return { status: 'not_found' };
  return { status: 'stale', current, lastChange: await lastChange(db, tableName, id) };
}
