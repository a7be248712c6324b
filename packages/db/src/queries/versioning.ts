import { recordChanges, systemUsers } from '@vetflow/schema';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';

export interface LastChange {
  userId: string | null;
  fullName: string | null;
  occurredAt: Date;
}

/**
 * Who changed a record last and when, from the audit trail (through record_changes: every role may see who
 * and when, only admins the values): what a stale-edit conflict tells the user.
 */
export async function lastChange(
  db: Executor,
  tableName: string,
  recordId: string,
): Promise<LastChange | null> {
  const [row] = await db
    .select({
      userId: recordChanges.userId,
      fullName: systemUsers.fullName,
      occurredAt: recordChanges.occurredAt,
    })
    .from(recordChanges)
    .leftJoin(systemUsers, eq(systemUsers.id, recordChanges.userId))
    .where(and(eq(recordChanges.tableName, tableName), eq(recordChanges.recordId, recordId)))
    .orderBy(desc(recordChanges.occurredAt), desc(recordChanges.id))
    .limit(1);
  return row ?? null;
}

/** The outcome of a versioned update (`... where id = $1 and updated_at = $seen`). */
export type VersionedUpdate<T> =
  | { status: 'updated'; row: T }
  | { status: 'not_found' }
  | { status: 'stale'; current: T; lastChange: LastChange | null };

/**
 * The one versioned update: `update … set values where id = $id and updated_at = $seen returning …`, run by
 * `update`. With nothing to set (every value undefined: Drizzle would throw "No values to set") only the version
 * check runs: the current row comes back unchanged when it is the version seen, and nothing is written, so no
 * audit row either; otherwise not found or stale as for any update.
 */
export async function versionedUpdate<T extends { updatedAt: Date }>(
  db: Executor,
  target: { tableName: string; id: string; seen: Date; loadCurrent: () => Promise<T | undefined> },
  values: object,
  update: () => Promise<T[]>,
): Promise<VersionedUpdate<T>> {
  const { tableName, id, seen, loadCurrent } = target;
  if (Object.values(values).some((value) => value !== undefined)) {
    const [row] = await update();
    return versionedOutcome(db, tableName, id, row, loadCurrent);
  }
  const current = await loadCurrent();
  const unchanged = current && current.updatedAt.getTime() === seen.getTime() ? current : undefined;
  return versionedOutcome(db, tableName, id, unchanged, async () => current);
}

async function versionedOutcome<T>(
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
