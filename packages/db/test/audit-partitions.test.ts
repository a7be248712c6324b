import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog } from '@vetflow/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/index';
import type { Database } from '../src/client';
import { AUDIT_PARTITION_MONTHS_AHEAD, ensureAuditPartitions, migrate } from '../src/migrate';
import { migrationsFolder } from '../src/paths';
import { queryRows } from '../src/raw';
import { currentDatabaseRoles, type RuntimeConnection } from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { auditPartitions, insertOwner, refused, sealAll } from './helpers';

// Issue 12: audit_log partitioned by UTC month (migration 0021).

/** The partition name of the UTC month `offset` months from now. */
function monthPartition(offset = 0, from = new Date()) {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + offset, 1));
  return `audit_log_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const partitionOf = async (db: Database, id: number) =>
  (
    await queryRows<{ partition: string }>(
      db,
      sql`select tableoid::regclass::text as partition from audit_log where id = ${id}`,
    )
  )[0]?.partition;

describe('the partitioned audit log', () => {
  let handle: TestDbHandle;
  let db: Database;
  let runtime: RuntimeConnection;
  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    runtime = await createTestRuntime(handle);
  });
  afterAll(async () => {
    if (runtime?.handle !== handle) await runtime?.handle.close();
    await handle?.close();
  });

  it('is partitioned by range on occurred_at, with this month, the months ahead and a DEFAULT partition', async () => {
    const [key] = await queryRows<{ key: string }>(
      db,
      sql`select pg_get_partkeydef('audit_log'::regclass) as key`,
    );
    expect(key!.key).toBe('RANGE (occurred_at)');
    const names = await auditPartitions(db);
    for (let m = 0; m <= AUDIT_PARTITION_MONTHS_AHEAD; m++) expect(names).toContain(monthPartition(m));
    expect(names).toContain('audit_log_default');
    // Idempotent: nothing more to make.
    expect(await ensureAuditPartitions(db)).toBe(0);
    // Bounded: no caller makes thousands of partitions.
    expect((await refused(db.execute(sql`select vetflow_ensure_audit_partitions(25)`))).code).toBe('22023');
    expect(
      (
        await refused(
          db.execute(sql`select vetflow_ensure_audit_partitions(0, now() - interval '121 months')`),
        )
      ).code,
    ).toBe('22023');
  });

  it('puts each row in its month, and a row of a month without a partition in the DEFAULT one', async () => {
    await insertOwner(db);
    const [row] = await queryRows<{ id: number }>(db, sql`select max(id)::int as id from audit_log`);
    expect(await partitionOf(db, row!.id)).toBe(monthPartition(0));
    const [far] = await db
      .insert(auditLog)
      .values({ action: 'login', occurredAt: new Date('2099-05-01T00:00:00Z') })
      .returning();
    const [past] = await db
      .insert(auditLog)
      .values({ action: 'login', occurredAt: new Date('2001-02-03T00:00:00Z') })
      .returning();
    expect(await partitionOf(db, far!.id)).toBe('audit_log_default');
    expect(await partitionOf(db, past!.id)).toBe('audit_log_default');
    await sealAll(db);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('moves rows out of the DEFAULT partition when their month gets its partition; ids and hashes unchanged', async () => {
    const when = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 15));
    const [stray] = await db.insert(auditLog).values({ action: 'logout', occurredAt: when }).returning();
    // A month in the past with no partition (the migration made them only from the oldest row on).
    const name = monthPartition(0, when);
    expect(await auditPartitions(db)).not.toContain(name);
    expect(await partitionOf(db, stray!.id)).toBe('audit_log_default');
    await sealAll(db);
    const made = await queryRows<{ made: number }>(
      db,
      sql`select vetflow_ensure_audit_partitions(0, ${when.toISOString()}::timestamptz) as made`,
    );
    expect(made[0]!.made).toBeGreaterThanOrEqual(1);
    expect(await partitionOf(db, stray!.id)).toBe(name);
    const [moved] = await queryRows<{ row_hash: string }>(
      db,
      sql`select row_hash from audit_log where id = ${stray!.id}`,
    );
    expect(moved!.row_hash).toBe(stray!.rowHash);
    expect((await verifyAudit(db)).ok).toBe(true);
    // The moved-into partition refuses changes like every other.
    expect((await refused(db.execute(sql.raw(`delete from ${name}`)))).code).toBe('42501');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the table and on each partition, for the owner too', async () => {
    await insertOwner(db);
    for (const table of ['audit_log', monthPartition(0), monthPartition(1), 'audit_log_default']) {
      for (const statement of [
        `update ${table} set request_id = 'x'`,
        `delete from ${table}`,
        `truncate ${table}`,
      ]) {
        const failure = await refused(db.execute(sql.raw(statement)));
        expect(failure.code, statement).toBe('42501');
        expect(failure.message).toMatch(/append-only/);
      }
    }
  });

  it('grants nothing on the partitions: the admin reads the log through the table only', async () => {
    const roles = await currentDatabaseRoles(db);
    const as = async (role: string, statement: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local role "${role}"`));
        return tx.execute(sql.raw(statement));
      });
    await as(roles.admin, 'select count(*) from audit_log');
    for (const role of [roles.admin, roles.runtime, roles.veterinarian]) {
      for (const table of [monthPartition(0), 'audit_log_default']) {
        expect((await refused(as(role, `select count(*) from ${table}`))).code).toBe('42501');
        expect(
          (await refused(as(role, `insert into ${table} (action, row_hash) values ('login', 'x')`))).code,
        ).toBe('42501');
      }
    }
    const acl = await queryRows<{ name: string; acl: string | null }>(
      db,
      sql`select c.relname as name, c.relacl::text as acl from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'audit_log'::regclass`,
    );
    for (const row of acl) expect(row.acl === null || !row.acl.includes(roles.admin), row.name).toBe(true);
    // The runtime role makes the months ahead (the API's daily pass), through the SECURITY DEFINER function.
    await as(roles.runtime, 'select vetflow_ensure_audit_partitions(4)');
    expect(await auditPartitions(db)).toContain(monthPartition(4));
  });
});

describe('migration 0021', () => {
  let handle: TestDbHandle;
  let folder: string;
  beforeAll(async () => {
    handle = await createTestDb();
    // The migrations up to 0020: the log as it was before partitioning.
    folder = mkdtempSync(join(tmpdir(), 'vetflow-mig-'));
    cpSync(migrationsFolder, folder, { recursive: true });
    const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    for (const entry of journal.entries.filter((e) => e.idx > 20)) {
      rmSync(join(folder, `${entry.tag}.sql`));
    }
    journal.entries = journal.entries.filter((e) => e.idx <= 20);
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await handle?.close();
  });

  it('keeps every row, id, hash and seal, and the id sequence goes on where it was', async () => {
    const db = handle.db;
    for (const statement of [
      sql`drop schema drizzle cascade`,
      sql`drop schema public cascade`,
      sql`create schema public`,
    ]) {
      await db.execute(statement);
    }
    await migrate(handle, folder);
    expect(await auditPartitions(db)).toEqual([]);
    const [{ relkind }] = (await queryRows<{ relkind: string }>(
      db,
      sql`select relkind::text from pg_class where oid = 'audit_log'::regclass`,
    )) as [{ relkind: string }];
    expect(relkind).toBe('r');
    // Rows over several months (as the owner may: auth-event-like rows with their times), triggers' rows too.
    for (const [i, at] of [
      '2024-01-31T23:59:59.999Z',
      '2024-02-01T00:00:00Z',
      '2024-06-15T12:00:00Z',
    ].entries()) {
      await db.insert(auditLog).values({ action: 'login', occurredAt: new Date(at), requestId: `m${i}` });
    }
    await insertOwner(db);
    await sealAll(db);
    // An id drawn and rolled back: the sequence must not hand it out again.
    await db
      .transaction(async (tx) => {
        await tx.insert(auditLog).values({ action: 'logout' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const before = await queryRows<{ id: number; row_hash: string }>(
      db,
      sql`select id::int, row_hash from audit_log order by id`,
    );

    await migrate(handle);
    const after = await queryRows<{ id: number; row_hash: string }>(
      db,
      sql`select id::int, row_hash from audit_log order by id`,
    );
    expect(after).toEqual(before);
    expect(await auditPartitions(db)).toEqual(
      expect.arrayContaining([
        'audit_log_2024_01',
        'audit_log_2024_02',
        'audit_log_2024_06',
        'audit_log_default',
      ]),
    );
    const [first] = before;
    expect(await partitionOf(db, first!.id)).toBe('audit_log_2024_01');
    expect(await partitionOf(db, first!.id + 1)).toBe('audit_log_2024_02');
    expect(await verifyAudit(db)).toMatchObject({ ok: true, sealedRows: before.length });
    const [next] = await db.insert(auditLog).values({ action: 'logout' }).returning();
    expect(next!.id).toBe(before[before.length - 1]!.id + 2);
    await sealAll(db);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
