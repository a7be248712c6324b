import { auditLog, auditSeals } from '@vetflow/schema';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sealAudit, verifyAudit } from '../src/audit/index';
import type { Database } from '../src/client';
import { queryRows } from '../src/raw';
import { createTestDb, type TestDbHandle } from '../src/testing';
import { insertOwner, sealAll } from './helpers';

// The audit hash chain: an untouched log verifies clean, and each kind of tampering — done as the superuser with
// the append-only guards switched off, the strongest attacker short of rewriting everything — is caught and named.

const handles: TestDbHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function freshLog(): Promise<Database> {
  const handle = await createTestDb();
  handles.push(handle);
  return handle.db;
}

/** Writes `n` audit rows the way the API does for auth events, and `owners` changes through the triggers. */
async function write(db: Database, n: number, owners = 0) {
  for (let i = 0; i < n; i++) await db.insert(auditLog).values({ action: 'login', requestId: `r${i}` });
  for (let i = 0; i < owners; i++) await insertOwner(db);
}

const ids = async (db: Database) =>
  (await db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.id);

/** Runs `statement` with every user trigger on audit_log and audit_seals off, as a superuser could. */
async function tamper(db: Database, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tx.execute(sql`ALTER TABLE audit_seals DISABLE TRIGGER USER`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    await tx.execute(sql`ALTER TABLE audit_seals ENABLE TRIGGER USER`);
  });
}

describe('sealing and verifying an untouched log', () => {
  it('every committed row ends up in exactly one seal and the chain verifies clean', async () => {
    const db = await freshLog();
    await write(db, 5, 2);
    const first = await sealAudit(db);
    expect(first).toMatchObject({ id: 1, firstId: 1, gapIds: [], openIds: [] });
    expect(await sealAudit(db)).toBeNull(); // nothing new
    await write(db, 3, 1);
    const second = await sealAudit(db);
    expect(second).toMatchObject({ id: 2, firstId: first!.lastId + 1, prevHash: first!.sealHash });

    const report = await verifyAudit(db);
    expect(report).toMatchObject({ ok: true, problem: null, seals: 2, unsealedRows: 0 });
    expect(report.sealedRows).toBe((await ids(db)).length);
    expect(report.head).toMatchObject({ sealId: 2, sealHash: second!.sealHash });

    await write(db, 2);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, unsealedRows: 2 });
  });

  it('the database sets each row hash itself, whatever the writer sends', async () => {
    const db = await freshLog();
    const [row] = await db
      .insert(auditLog)
      .values({ action: 'logout', rowHash: 'f'.repeat(64) })
      .returning();
    expect(row!.rowHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.rowHash).not.toBe('f'.repeat(64));
    await sealAll(db);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('verifies in batches: the result does not depend on the batch size', async () => {
    const db = await freshLog();
    await write(db, 25);
    while (await sealAudit(db, { maxRows: 7 }));
    expect(await db.$count(auditSeals)).toBe(4);
    for (const batchSize of [1, 3, 1000]) {
      expect(await verifyAudit(db, { batchSize })).toMatchObject({ ok: true, sealedRows: 25, seals: 4 });
    }
  });

  it('continues from an earlier head without reading the old rows again, and still sees new tampering', async () => {
    const db = await freshLog();
    await write(db, 4);
    await sealAll(db);
    const { head } = await verifyAudit(db);
    await write(db, 3);
    await sealAll(db);
    expect(await verifyAudit(db, { since: head })).toMatchObject({ ok: true, seals: 1, sealedRows: 3 });
    const newest = (await ids(db)).at(-1)!;
    await tamper(db, sql`UPDATE audit_log SET request_id = 'forged' WHERE id = ${newest}`);
    expect((await verifyAudit(db, { since: head })).problem).toMatchObject({
      kind: 'row_changed',
      rowId: newest,
    });
  });
});

describe('tampering as a superuser is caught and named', () => {
  async function sealedLog() {
    const db = await freshLog();
    await write(db, 6, 2);
    await sealAll(db);
    await write(db, 4);
    await sealAll(db);
    expect((await verifyAudit(db)).ok).toBe(true);
    return { db, rowIds: await ids(db) };
  }

  it('a changed value in an old row', async () => {
    const { db, rowIds } = await sealedLog();
    await tamper(db, sql`UPDATE audit_log SET request_id = 'innocent' WHERE id = ${rowIds[2]}`);
    const report = await verifyAudit(db);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: 'row_changed', rowId: rowIds[2] });
    expect(report.problem!.message).toBe(`Audit row ${rowIds[2]} was changed after it was written`);
  });

  it('a changed value whose row hash was recomputed to match', async () => {
    const { db, rowIds } = await sealedLog();
    await tamper(
      db,
      sql`UPDATE audit_log SET user_agent = 'forged', row_hash = encode(sha256(convert_to(jsonb_build_array('vetflow-audit-v1', id, extract(epoch from occurred_at)::text, user_id, action, table_name, record_id, old_values, new_values, changed_fields, ip::text, 'forged', request_id, db_user)::text, 'UTF8')), 'hex') WHERE id = ${rowIds[1]}`,
    );
    expect((await verifyAudit(db)).problem).toMatchObject({ kind: 'seal_rows_mismatch', sealId: 1 });
  });

  it('a deleted row', async () => {
    const { db, rowIds } = await sealedLog();
    await tamper(db, sql`DELETE FROM audit_log WHERE id = ${rowIds[3]}`);
    const { problem } = await verifyAudit(db);
    expect(problem).toMatchObject({ kind: 'row_missing', rowId: rowIds[3], sealId: 1 });
    expect(problem!.message).toBe(`Audit row ${rowIds[3]} (seal 1) was deleted`);
  });

  it('the newest sealed row deleted', async () => {
    const { db, rowIds } = await sealedLog();
    await tamper(db, sql`DELETE FROM audit_log WHERE id = ${rowIds.at(-1)}`);
    expect((await verifyAudit(db)).problem).toMatchObject({
      kind: 'row_missing',
      rowId: rowIds.at(-1),
      sealId: 2,
    });
  });

  it('a forged row inserted into a sealed range (an id left free by a rolled-back write)', async () => {
    const db = await freshLog();
    await write(db, 2);
    await db
      .transaction(async (tx) => {
        await tx.insert(auditLog).values({ action: 'login' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await write(db, 2);
    const [gapSeal] = [await sealAudit(db, { gapGraceMs: 0 })];
    expect(gapSeal!.gapIds).toHaveLength(1);
    const [gap] = gapSeal!.gapIds;
    await write(db, 1);
    const closing = await sealAudit(db, { gapGraceMs: 0 });
    expect(closing!.closedIds).toEqual([gap]); // no transaction can commit it any more
    expect((await verifyAudit(db)).ok).toBe(true);

    // The forger lets the trigger compute a proper row hash: only the seals can tell.
    await db.execute(
      sql`INSERT INTO audit_log (id, action, request_id, db_user) OVERRIDING SYSTEM VALUE
          VALUES (${gap}, 'login', 'forged', 'postgres')`,
    );
    expect(await sealAudit(db, { gapGraceMs: 0 })).toBeNull(); // the sealer never takes it either
    const { problem } = await verifyAudit(db);
    expect(problem).toMatchObject({ kind: 'row_inserted', rowId: gap });
    expect(problem!.message).toBe(`Audit row ${gap} was inserted into a range that was already sealed`);
  });

  it('an edited seal, with or without its own hash recomputed', async () => {
    const { db } = await sealedLog();
    await tamper(db, sql`UPDATE audit_seals SET row_count = row_count - 1 WHERE id = 1`);
    expect((await verifyAudit(db)).problem).toMatchObject({ kind: 'seal_changed', sealId: 1 });

    const again = await sealedLog();
    await tamper(again.db, sql`UPDATE audit_seals SET seal_hash = ${'a'.repeat(64)} WHERE id = 1`);
    expect((await verifyAudit(again.db)).problem).toMatchObject({ kind: 'seal_changed', sealId: 1 });
  });

  it('a missing seal, and a rewritten chain shows as a different head', async () => {
    const { db } = await sealedLog();
    const before = (await verifyAudit(db)).head!;
    await write(db, 1);
    await sealAll(db);
    await tamper(db, sql`DELETE FROM audit_seals WHERE id = 2`);
    expect((await verifyAudit(db)).problem).toMatchObject({ kind: 'seal_missing', sealId: 2 });

    // Deleting only the newest seal leaves a valid shorter chain: the head written down elsewhere tells.
    const other = await sealedLog();
    const head = (await verifyAudit(other.db)).head!;
    await tamper(other.db, sql`DELETE FROM audit_seals WHERE id = 2`);
    const after = await verifyAudit(other.db);
    expect(after.head!.sealHash).not.toBe(head.sealHash);
    expect(before.sealId).toBe(2);
  });

  it('the append-only guards hold for the runtime path: seals cannot be updated or deleted', async () => {
    const db = await freshLog();
    await write(db, 1);
    await sealAll(db);
    await expect(db.update(auditSeals).set({ rowCount: 9 }).where(eq(auditSeals.id, 1))).rejects.toThrow();
    await expect(db.delete(auditSeals).where(eq(auditSeals.id, 1))).rejects.toThrow();
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_seals`);
    expect(row!.n).toBe(1);
  });
});
