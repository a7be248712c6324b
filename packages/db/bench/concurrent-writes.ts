import { sql } from 'drizzle-orm';
import { setAuditContext } from '../src/audit-context';
import { createDb, type DbHandle } from '../src/client';

/**
 * Issue 12, "audit log for high write": owner writes per second from 8 concurrent writers (8 connections), each
 * write a transaction as the API makes it (the audit context set, one owner inserted). Three arms, in
 * alternating rounds so that a busy neighbour on the machine weighs on all alike:
 * - `without audit`: the owners' audit trigger off (the same writes, no audit row);
 * - `with audit`: as in production (the audit row: its hash, its change event for the admins' live timeline
 *   (0018), the partitioned log's indexes);
 * - `with audit, no change event`: the audit row without its NOTIFY, to show what the event costs: PostgreSQL
 *   serialises the commits of every transaction that sends a NOTIFY (a database-wide lock held through the
 *   commit), so 8 writers that each notify commit one at a time.
 * Reports each arm's median rate and the ratio with/without (target ≥ 0.75). Needs PostgreSQL (PGlite has one
 * connection) as the superuser of a throwaway database: it switches triggers off and on.
 */
export async function concurrentWriteBench(
  url: string,
  options: { writers?: number; roundMs?: number; rounds?: number } = {},
) {
  const { writers = 8, roundMs = 3000, rounds = 5 } = options;
  const handle: DbHandle = await createDb({ url, maxConnections: writers });
  const { db } = handle;
  let n = 0;
  const round = async () => {
    const stopAt = performance.now() + roundMs;
    let writes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        while (performance.now() < stopAt) {
          await db.transaction(async (tx) => {
            await setAuditContext(tx, {
              userId: null,
              requestId: `bench-${w}-${n}`,
              ip: '10.0.0.1',
              userAgent: 'bench',
            });
            await tx.execute(
              sql`insert into owners (first_name, last_name, phone) values ('Bench', ${`Concurrent ${n++}`}, '+1 555 010 0000')`,
            );
          });
          writes++;
        }
      }),
    );
    return (writes / (performance.now() - started)) * 1000;
  };
  const triggers = async (audit: boolean, notify: boolean) => {
    await db.execute(sql.raw(`ALTER TABLE owners ${audit ? 'ENABLE' : 'DISABLE'} TRIGGER owners_audit`));
    await db.execute(
      sql.raw(`ALTER TABLE audit_log ${notify ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_notify_change`),
    );
  };
  const arms = { without: [] as number[], with: [] as number[], withoutEvent: [] as number[] };
  try {
    await round(); // warm-up: connections, plans
    for (let r = 0; r < rounds; r++) {
      await triggers(false, true);
      arms.without.push(await round());
      await triggers(true, true);
      arms.with.push(await round());
      await triggers(true, false);
      arms.withoutEvent.push(await round());
    }
  } finally {
    await triggers(true, true);
    await handle.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const withAudit = median(arms.with);
  const withoutAudit = median(arms.without);
  const withAuditNoEvent = median(arms.withoutEvent);
  return {
    writers,
    rounds,
    roundMs,
    withAudit,
    withoutAudit,
    withAuditNoEvent,
    ratio: withAudit / withoutAudit,
    ratioNoEvent: withAuditNoEvent / withoutAudit,
  };
}
