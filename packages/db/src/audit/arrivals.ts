import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { queryRows } from '../raw';

/** An audit row as a watcher of the log sees it: which row and when, nothing of what it records. */
export interface AuditArrival {
  id: number;
  occurredAt: Date;
}

/**
 * Rows whose transaction began longer ago than this are not looked for: the bound lets PostgreSQL read only the
 * newest partitions of the log (0021) instead of probing every month's.
 */
const LOOKBACK = sql`now() - interval '1 day'`;

/** The log's newest row, or null when it is empty: where a watcher starts. */
export async function newestAuditRow(db: Executor): Promise<AuditArrival | null> {
  const [row] = await queryRows<{ id: string; occurred_at: string | Date }>(
    db,
    sql`select id::text as id, occurred_at from audit_log order by id desc limit 1`,
  );
  return row ? { id: Number(row.id), occurredAt: new Date(row.occurred_at) } : null;
}

/**
 * The audit rows committed since a watcher last looked: those after `afterId` (oldest first, at most `limit`),
 * and those among `pending` (ids it saw skipped: their transactions had not committed yet) that have committed
 * since. Two index scans, not one OR, as the sealer does (seal.ts).
 */
export async function auditArrivals(
  db: Executor,
  afterId: number,
  pending: readonly number[],
  limit = 1000,
): Promise<AuditArrival[]> {
  const rows = await queryRows<{ id: string; occurred_at: string | Date }>(
    db,
    sql`(select id::text as id, occurred_at from audit_log
          where id = any(${`{${pending.join(',')}}`}::bigint[]) and occurred_at > ${LOOKBACK})
        union all
        (select id::text as id, occurred_at from audit_log
          where id > ${afterId} and occurred_at > ${LOOKBACK} order by id limit ${limit})`,
  );
  return rows
    .map((row) => ({ id: Number(row.id), occurredAt: new Date(row.occurred_at) }))
    .sort((a, b) => a.id - b.id);
}
