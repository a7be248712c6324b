import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle, Executor } from './client';
import { migrationsFolder } from './paths';
import { queryRows } from './raw';

/** How many months ahead of this one the audit log's partitions are made (at each migrate and daily). */
export const AUDIT_PARTITION_MONTHS_AHEAD = 3;

/**
 * Brings the database to the latest schema; applies only what is missing, so a second run changes nothing.
 * Then makes the audit log's monthly partitions up to a few months ahead (migration 0021): every start-up
 * migrates, so a server started after a long pause has its current month's partition before its first write.
 * `folder` is for tests that migrate to an older state.
 */
export async function migrate(handle: DbHandle, folder = migrationsFolder): Promise<void> {
  if (handle.kind === 'postgres') {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }
  if (folder === migrationsFolder) await ensureAuditPartitions(handle.db);
}

/** Makes the audit log's missing monthly partitions (this month and `monthsAhead` after); returns how many. */
export async function ensureAuditPartitions(
  db: Executor,
  monthsAhead = AUDIT_PARTITION_MONTHS_AHEAD,
): Promise<number> {
  const [row] = await queryRows<{ made: number }>(
    db,
    sql`select vetflow_ensure_audit_partitions(${monthsAhead}::int) as made`,
  );
  return Number(row?.made ?? 0);
}
