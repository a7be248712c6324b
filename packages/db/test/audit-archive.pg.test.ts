import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditArchivedRows, auditLog } from '@vetflow/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveAudit, sealAudit, verifyArchiveFile, verifyAudit } from '../src/audit/index';
import { createDb, type DbHandle } from '../src/client';
import { createTestDb, type TestDbHandle } from '../src/testing';

// Archiving a month one of whose rows was sealed late (PostgreSQL only: a transaction must stay open beside
// others). The late row's seal lies in the next month; the archive keeps that row's hash until the next month
// is archived too, and the chain verifies clean at every step.

let owner: TestDbHandle;
let writers: DbHandle;
let dir: string;
beforeAll(async () => {
  owner = await createTestDb();
  writers = await createDb({ url: owner.url, maxConnections: 4 });
  dir = mkdtempSync(join(tmpdir(), 'vetflow-archive-pg-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await writers?.close();
  await owner?.close();
});

describe('archiving a month with a row sealed late (PostgreSQL)', () => {
  it('keeps the late row verifiable through its seal, then archives the seal whole with the next month', async () => {
    const db = owner.db;
    await db.execute(sql`select vetflow_ensure_audit_partitions(0, '2024-01-01T00:00:00Z')`);
    await db.insert(auditLog).values({ action: 'login', occurredAt: new Date('2024-01-20T10:00:00Z') });

    // A January transaction, still open while February's rows are written and sealed.
    let commit!: () => void;
    let inserted!: (id: number) => void;
    const insertedId = new Promise<number>((resolve) => {
      inserted = resolve;
    });
    const slow = writers.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(auditLog)
        .values({ action: 'login', occurredAt: new Date('2024-01-31T23:59:59Z'), requestId: 'slow' })
        .returning();
      inserted(row!.id);
      await new Promise<void>((resolve) => {
        commit = resolve;
      });
    });
    const slowId = await insertedId;
    await db.insert(auditLog).values({ action: 'login', occurredAt: new Date('2024-02-01T00:00:01Z') });
    const first = await sealAudit(db, { gapGraceMs: 0 });
    expect(first!.gapIds).toEqual([slowId]);
    commit();
    await slow;
    await db.insert(auditLog).values({ action: 'logout', occurredAt: new Date('2024-02-02T00:00:00Z') });
    const second = await sealAudit(db, { gapGraceMs: 0 });
    expect(second!.lateIds).toEqual([slowId]);

    const [jan] = await archiveAudit(db, { before: '2024-02', dir });
    expect(jan).toMatchObject({ month: '2024-01', rows: 2, wholeSeals: [] });
    // Both seals still cover February's live rows: January's two rows keep their hashes in the database.
    expect(await db.select().from(auditArchivedRows)).toHaveLength(2);
    expect(await verifyArchiveFile(jan!.file)).toMatchObject({ ok: true, rows: 2, seals: 2 });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, archivedRows: 2, sealedRows: 2 });

    const [feb] = await archiveAudit(db, { before: '2024-03', dir });
    expect(feb).toMatchObject({ month: '2024-02', rows: 2, wholeSeals: [[1, 2]], boundaryRows: 0 });
    expect(await verifyArchiveFile(feb!.file)).toMatchObject({ ok: true, rows: 2, seals: 2 });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, archivedRows: 4, sealedRows: 0 });
  });
});
