import { sql } from 'drizzle-orm';
import { setAuditContext } from '../src/audit-context';
import { createDb, type DbHandle } from '../src/client';

/**
 * Issue 12, "audit log for high write": owner writes per second from 8 concurrent writers (8 connections), each
 * write a transaction as the API makes it (the audit context set, one owner inserted). Two arms, in alternating
 * rounds so that a busy neighbour on the machine weighs on both alike:
 * - `without audit`: the owners' audit trigger off (the same writes, no audit row);
 * - `with audit`: as in production (the audit row, its hash, the partitioned log's indexes). Until 0023 each audit
 *   row also sent a NOTIFY for the admins' live timeline, and PostgreSQL serialises the commits of every
 *   transaction that notifies: the ratio was 0.69, and 0.87 with that trigger off.
 * Reports each arm's median rate and the ratio with/without (target ≥ 0.75). Needs PostgreSQL (PGlite has one
 * connection) as the superuser of a throwaway database: it switches the trigger off and on.
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
  const audited = async (on: boolean) =>
    db.execute(sql.raw(`ALTER TABLE owners ${on ? 'ENABLE' : 'DISABLE'} TRIGGER owners_audit`));
  const arms = { without: [] as number[], with: [] as number[] };
  try {
    await round(); // warm-up: connections, plans
    for (let r = 0; r < rounds; r++) {
      await audited(false);
      arms.without.push(await round());
      await audited(true);
      arms.with.push(await round());
    }
  } finally {
    await audited(true);
    await handle.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const withAudit = median(arms.with);
  const withoutAudit = median(arms.without);
  return { writers, rounds, roundMs, withAudit, withoutAudit, ratio: withAudit / withoutAudit };
}
