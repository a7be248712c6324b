import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/client';
import { queryRows } from '../src/raw';
import { createTestDb, startTcpProxy, type TcpProxy, type TestDbHandle } from '../src/testing';

const CONNECTION_ERRORS =
  /^(CONNECTION_CLOSED|CONNECTION_DESTROYED|ECONNRESET|ECONNREFUSED|CONNECT_TIMEOUT|EPIPE)$/;

function errorCode(error: unknown): string {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return String(error);
}

/**
 * postgres.js defers small writes with setImmediate; when the connection dies under open transactions, the
 * ROLLBACK is written to a connection whose socket is gone, and the unpatched driver throws from the timer
 * (`Cannot read properties of null (reading 'write')`, porsager/postgres#1154 and #1208), which kills the
 * process. patches/postgres@3.4.9.patch guards it: without the patch this test reports that uncaught error.
 */
describe('the PostgreSQL client through a connection cut (PostgreSQL only: PGlite is embedded and cannot go away)', () => {
  let owner: TestDbHandle;
  let proxy: TcpProxy;
  let client: DbHandle;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    owner = await createTestDb();
    await owner.db.execute(sql`create table outage_probe (n int primary key)`);
    proxy = await startTcpProxy(owner.url!);
    client = await createDb({ url: proxy.url, maxConnections: 8 });
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await client?.close();
    await proxy?.close();
    await owner?.close();
  });

  it('rejects interrupted transactions with connection errors, never throws from a timer, and recovers', async () => {
    let next = 0;
    let stop = false;
    const failures = new Set<string>();
    const committed: number[] = [];
    const worker = async () => {
      while (!stop) {
        const n = next++;
        try {
          await client.db.transaction(async (tx) => {
            await tx.execute(sql`insert into outage_probe values (${n})`);
            await tx.execute(sql`select pg_sleep(0.002)`);
            await tx.execute(sql`select ${n}::int as n`);
          });
          committed.push(n);
        } catch (error) {
          failures.add(errorCode(error));
          await sleep(10);
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    for (let cut = 0; cut < 3; cut++) {
      await sleep(300);
      proxy.cut();
      await sleep(400);
      proxy.restore();
    }
    const restoredAt = Date.now();
    // Service is back within 5 s of the database's return: a fresh transaction commits.
    let recovered = false;
    while (!recovered && Date.now() - restoredAt < 5000) {
      recovered = await client.db
        .transaction(async (tx) => void (await tx.execute(sql`select 1`)))
        .then(() => true)
        .catch(() => sleep(50).then(() => false));
    }
    expect(recovered).toBe(true);
    stop = true;
    // Every worker settles: nothing hangs on a dead connection.
    await Promise.race([
      Promise.all(workers),
      sleep(10_000).then(() => Promise.reject(new Error('a transaction never settled'))),
    ]);

    expect(uncaught).toEqual([]);
    expect(failures.size).toBeGreaterThan(0);
    for (const code of failures) expect(code).toMatch(CONNECTION_ERRORS);
    // Every transaction the driver confirmed is in the database.
    const rows = await queryRows<{ n: number }>(owner.db, sql`select n from outage_probe`);
    const stored = new Set(rows.map((r) => r.n));
    expect(committed.filter((n) => !stored.has(n))).toEqual([]);
  });
});
