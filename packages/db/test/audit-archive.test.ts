import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditArchivedRows, auditArchives, auditLog } from '@vetflow/schema';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditArchiveError, archiveAudit, verifyArchiveFile, verifyAudit } from '../src/audit/index';
import type { Database } from '../src/client';
import { queryRows } from '../src/raw';
import { createTestDb, type TestDbHandle } from '../src/testing';
import { auditPartitions, insertOwner, refused, sealAll } from './helpers';

// Issue 12: `pnpm audit:archive --before <month>` verifies, exports and detaches old months; the verifier
// still verifies clean after, and still catches a row deleted from a month that was not archived.

const handles: TestDbHandle[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vetflow-archive-'));
});
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (text: string) => new Date(text);
const row = (db: Database, when: string, tag: string) =>
  db
    .insert(auditLog)
    .values({ action: 'login', occurredAt: at(when), requestId: tag })
    .returning({ id: auditLog.id })
    .then((r) => r[0]!.id);

/**
 * January, February and March 2024, with seals across the months' boundaries and a January row written after
 * February's first rows (a transaction that began before midnight); then a row of today.
 */
async function history(): Promise<{ db: Database; ids: Record<string, number[]> }> {
  const handle = await createTestDb();
  handles.push(handle);
  const db = handle.db;
  await db.execute(sql`select vetflow_ensure_audit_partitions(0, '2024-01-01T00:00:00Z')`);
  const ids: Record<string, number[]> = { jan: [], feb: [], mar: [], now: [] };
  for (let i = 0; i < 3; i++) ids.jan!.push(await row(db, `2024-01-10T10:0${i}:00Z`, `jan${i}`));
  await sealAll(db); // seal 1: January only
  for (let i = 0; i < 2; i++) ids.jan!.push(await row(db, `2024-01-31T23:5${i}:00Z`, `jan-late${i}`));
  for (let i = 0; i < 2; i++) ids.feb!.push(await row(db, `2024-02-01T00:0${i}:00Z`, `feb${i}`));
  await sealAll(db); // seal 2: January and February
  ids.jan!.push(await row(db, '2024-01-31T23:59:59.999Z', 'jan-straggler'));
  for (let i = 0; i < 3; i++) ids.feb!.push(await row(db, `2024-02-20T08:0${i}:00Z`, `feb-more${i}`));
  for (let i = 0; i < 2; i++) ids.mar!.push(await row(db, `2024-03-05T08:0${i}:00Z`, `mar${i}`));
  await sealAll(db); // seal 3: all three months
  await insertOwner(db);
  await sealAll(db); // seal 4: today
  return { db, ids };
}

async function tamper(db: Database, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });
}

describe('pnpm audit:archive', () => {
  it('exports a month to a file that verifies on its own, records it, detaches it; the chain still verifies', async () => {
    const { db, ids } = await history();
    const out = join(dir, 'one');
    const done = await archiveAudit(db, { before: '2024-02', dir: out });
    expect(done.map((m) => m.month)).toEqual(['2024-01']);
    const [jan] = done;
    expect(jan).toMatchObject({
      partition: 'audit_log_2024_01',
      rows: 6,
      firstId: Math.min(...ids.jan!),
      lastId: Math.max(...ids.jan!),
      wholeSeals: [[1, 1]],
      boundaryRows: 3, // two of seal 2, one of seal 3: those seals still cover February's and March's rows
    });
    expect(createHash('sha256').update(readFileSync(jan!.file)).digest('hex')).toBe(jan!.sha256);
    expect(await verifyArchiveFile(jan!.file)).toMatchObject({
      ok: true,
      month: '2024-01',
      rows: 6,
      seals: 3,
    });

    expect(await auditPartitions(db)).not.toContain('audit_log_2024_01');
    const [kept] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_archive.audit_log_2024_01`,
    );
    expect(kept!.n).toBe(6);
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where occurred_at < '2024-02-01T00:00:00Z'`,
    );
    expect(left!.n).toBe(0);
    const [record] = await db.select().from(auditArchives);
    expect(record).toMatchObject({
      month: '2024-01-01',
      rowCount: 6,
      fileSha256: jan!.sha256,
      firstSealId: 1,
      lastSealId: 3,
    });
    expect((await db.select().from(auditArchivedRows)).length).toBe(3);

    const report = await verifyAudit(db);
    expect(report).toMatchObject({ ok: true, problem: null, archivedRows: 6 });
    // The record and the kept rows are append-only like the log.
    expect((await refused(db.execute(sql`delete from audit_archives`))).code).toBe('42501');
    expect((await refused(db.execute(sql`update audit_archived_rows set row_hash = 'x'`))).code).toBe(
      '42501',
    );
    expect((await refused(db.execute(sql`delete from audit_archive.audit_log_2024_01`))).code).toBe('42501');

    // The next months: February's rows of seal 3 are kept as hashes while March is still live; once March is
    // archived too, every seal across the boundaries is wholly archived. Then life goes on.
    const more = await archiveAudit(db, { before: '2024-04', dir: out });
    expect(more.map((m) => [m.month, m.rows, m.boundaryRows])).toEqual([
      ['2024-02', 5, 3],
      ['2024-03', 2, 0],
    ]);
    const records = await db.select().from(auditArchives);
    expect(records.map((r) => r.wholeSeals)).toEqual([[[1, 1]], [[2, 2]], [[3, 3]]]);
    for (const m of more) expect((await verifyArchiveFile(m.file)).ok).toBe(true);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, archivedRows: 13 });
    const head = (await verifyAudit(db)).head;
    await insertOwner(db);
    await sealAll(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, unsealedRows: 0 });
    expect(await verifyAudit(db, { since: head })).toMatchObject({ ok: true });
    // Nothing more before April 2024.
    expect(await archiveAudit(db, { before: '2024-04', dir: out })).toEqual([]);
  });

  it('still catches a deleted row that was not archived, in a seal that also covers archived rows', async () => {
    const { db, ids } = await history();
    await archiveAudit(db, { before: '2024-02', dir: join(dir, 'two') });
    // A February row of seal 2, which also covers archived January rows.
    await tamper(db, sql`delete from audit_log where id = ${ids.feb![0]!}`);
    expect((await verifyAudit(db)).problem).toMatchObject({ kind: 'row_missing', rowId: ids.feb![0] });
  });

  it('catches a deleted row of today after archiving', async () => {
    const { db } = await history();
    await archiveAudit(db, { before: '2024-04', dir: join(dir, 'three') });
    const [last] = await queryRows<{ id: number }>(db, sql`select max(id)::int as id from audit_log`);
    await tamper(db, sql`delete from audit_log where id = ${last!.id}`);
    expect((await verifyAudit(db)).problem).toMatchObject({ kind: 'row_missing', rowId: last!.id });
  });

  it('refuses when a row of the month was changed, and leaves the month in place', async () => {
    const { db, ids } = await history();
    await tamper(db, sql`update audit_log set request_id = 'edited' where id = ${ids.jan![1]!}`);
    const out = join(dir, 'four');
    await expect(archiveAudit(db, { before: '2024-02', dir: out })).rejects.toThrow(AuditArchiveError);
    await expect(archiveAudit(db, { before: '2024-02', dir: out })).rejects.toThrow(/was changed/);
    expect(await auditPartitions(db)).toContain('audit_log_2024_01');
    expect(await db.select().from(auditArchives)).toEqual([]);
    expect(existsSync(join(out, 'audit-2024-01.ndjson.gz'))).toBe(false);
  });

  it('refuses a month with rows not sealed yet, and a month that has not ended', async () => {
    const { db } = await history();
    await row(db, '2024-01-15T00:00:00Z', 'unsealed');
    await expect(archiveAudit(db, { before: '2024-02', dir: join(dir, 'five') })).rejects.toThrow(
      /not sealed/,
    );
    expect(await auditPartitions(db)).toContain('audit_log_2024_01');
    await expect(archiveAudit(db, { before: '2999-01', dir: join(dir, 'five') })).rejects.toThrow(
      /after the current month/,
    );
    await expect(archiveAudit(db, { before: '2024-1', dir: join(dir, 'five') })).rejects.toThrow(/YYYY-MM/);
  });
});
