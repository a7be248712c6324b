import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { errorOf, type TestClient } from './support/client';

/**
 * Issue 7 #11: a database outage under concurrent writes. The API reaches PostgreSQL through a TCP proxy the
 * test cuts (every connection destroyed, new ones refused) and restores. PGlite is embedded in the process
 * and cannot become unreachable, so there is nothing to test there.
 */
describe('a database outage (PostgreSQL only: PGlite cannot go away)', () => {
  let t: TestApp;
  let clients: TestClient[];
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    t = await startTestApp({}, { viaProxy: true });
    clients = await Promise.all((['admin', 'vet', 'vet2', 'assistant'] as const).map((k) => t.signIn(k)));
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await t?.close();
  });

  it('answers 503 while the database is unreachable, serves again within 5 s, and keeps every confirmed write', async () => {
    let stop = false;
    let next = 0;
    const confirmed: string[] = [];
    const statuses = new Map<number, number>();
    const messages = new Set<string>();
    const writer = async (client: TestClient) => {
      while (!stop) {
        const n = next++;
        try {
          const owner = await client.trpc.owners.create.mutate({
            firstName: 'Outage',
            lastName: `Owner ${n}`,
            phone: '+1 555 010 2030',
            email: `outage${n}@example.com`,
          });
          confirmed.push(owner.id);
        } catch (error) {
          const failure = await errorOf(Promise.reject(error));
          statuses.set(failure.httpStatus, (statuses.get(failure.httpStatus) ?? 0) + 1);
          messages.add(failure.message);
          await sleep(20);
        }
      }
    };
    const writers = clients.map(writer);

    await sleep(300);
    t.proxy!.cut();
    await sleep(300);
    // While it is down: a read, a write and /health all answer 503 with a message a person can act on.
    const read = await errorOf(clients[0]!.trpc.owners.list.query({}));
    expect(read).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
    expect(read.message).toBe('The database is unavailable; try again in a moment');
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(503);
    await sleep(1200);
    t.proxy!.restore();
    const restoredAt = Date.now();

    // Back without a restart: a fresh call succeeds within 5 s of the database's return.
    let back = false;
    while (!back && Date.now() - restoredAt < 5000) {
      back = await clients[3]!.trpc.owners.list
        .query({})
        .then(() => true)
        .catch(() => sleep(100).then(() => false));
    }
    expect(back).toBe(true);
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    await sleep(300);
    stop = true;
    await Promise.all(writers);

    expect(uncaught).toEqual([]);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect([...statuses.keys()]).toEqual([503]); // never a 500
    expect([...messages]).toEqual(['The database is unavailable; try again in a moment']);
    // Every write the API confirmed is in the database.
    const rows = await queryRows<{ id: string }>(t.db, sql`select id from owners`);
    const stored = new Set(rows.map((r) => r.id));
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.filter((id) => !stored.has(id))).toEqual([]);
  });
});
