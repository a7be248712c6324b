import { queryRows } from '@vetflow/db';
import { auditLog, auditSeals } from '@vetflow/schema';
import { desc, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditIntegrity } from '../../src/audit/integrity';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf } from '../support/client';

// The API seals the audit log as it runs and tells the admin how far the chain is verified (issue 10, item 3).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ AUDIT_SEAL_SECONDS: '1' });
});
afterAll(() => t.close());

const silent = pino({ level: 'silent' });

describe('the running API seals and verifies the audit trail', () => {
  it('a change is sealed within seconds, and the admin sees the chain verified up to that seal with its head', async () => {
    const admin = await t.signIn('admin');
    const owner = await admin.trpc.owners.create.mutate({
      firstName: 'Sealed',
      lastName: 'Owner',
      phone: '+1 555 010 9999',
    });
    const [row] = await t.db.select().from(auditLog).where(sql`record_id = ${owner.id}`);

    await expect
      .poll(async () => (await admin.trpc.audit.integrity.query()).head?.sealId ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          const [newest] = await t.db.select().from(auditSeals).orderBy(desc(auditSeals.id)).limit(1);
          return (newest?.lastId ?? 0) >= row!.id;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await expect
      .poll(
        async () => {
          const state = await admin.trpc.audit.integrity.query();
          const [newest] = await t.db.select().from(auditSeals).orderBy(desc(auditSeals.id)).limit(1);
          return state.status === 'verified' && state.head?.sealHash === newest?.sealHash;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('only admins may read it', async () => {
    for (const key of ['vet', 'assistant'] as const) {
      const client = await t.signIn(key);
      expect((await errorOf(client.trpc.audit.integrity.query())).code).toBe('FORBIDDEN');
    }
  });
});

describe('the sealer and verifier inside the API (startAuditIntegrity)', () => {
  it('reports a row changed before it was sealed, and a restart reports an old row changed after', async () => {
    const db = t.db;
    const monitor = startAuditIntegrity(db, silent, 3_600_000);
    await monitor.tick();
    expect(monitor.state()).toMatchObject({ status: 'verified', problem: null });

    const [fresh] = await db.insert(auditLog).values({ action: 'login', requestId: 'fresh' }).returning();
    await db.transaction(async (tx) => {
      // As the session's own (super)user: on PGlite the one connection is switched to the runtime role.
      await tx.execute(sql`SET LOCAL ROLE NONE`);
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await tx.execute(sql`UPDATE audit_log SET request_id = 'edited' WHERE id = ${fresh!.id}`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    });
    await monitor.tick();
    expect(monitor.state()).toMatchObject({
      status: 'broken',
      problem: { kind: 'row_changed', rowId: fresh!.id },
    });
    await monitor.stop();

    const restarted = startAuditIntegrity(db, silent, 3_600_000);
    await restarted.tick();
    expect(restarted.state()).toMatchObject({ status: 'broken', problem: { rowId: fresh!.id } });
    await restarted.stop();
  });

  it("its daily pass makes the audit log's partitions ahead, as the runtime role (issue 12)", async () => {
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 3);
    const name = `audit_log_${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
    const present = async () =>
      (
        await queryRows<{ present: boolean }>(t.db, sql`select to_regclass(${name}) is not null as present`)
      )[0]!.present;
    expect(await present()).toBe(true);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE NONE`);
      await tx.execute(sql.raw(`DROP TABLE ${name}`)); // empty: months ahead hold no rows yet
    });
    expect(await present()).toBe(false);
    const monitor = startAuditIntegrity(t.servedDb, silent, 3_600_000);
    await monitor.tick();
    await monitor.stop();
    expect(await present()).toBe(true);
  });
});
