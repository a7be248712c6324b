import { randomUUID } from 'node:crypto';
import {
  AUDITED_TABLES,
  type AuditedTable,
  appointments,
  auditLog,
  medicalRecords,
  owners,
  patients,
  systemUsers,
} from '@vetflow/schema';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditContext, setAuditContext } from '../src/audit-context';
import type { Database, DbHandle, Transaction } from '../src/client';
import { queryRows } from '../src/raw';
import { createTestDb } from '../src/testing';
import {
  appointmentRow,
  insertOwner,
  insertPatient,
  insertUser,
  ownerRow,
  patientRow,
  recordRow,
  refused,
  userRow,
} from './helpers';

// The audit trail is written by triggers in the same transaction as the change: every change leaves exactly one
// row naming who, from where and what changed, and nothing else (no no-ops, no secrets, no rolled-back work).

let handle: DbHandle;
let db: Database;
let actor: string;
let vet: string;
let patient: string;
let connectedRole: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  actor = (await insertUser(db, { role: 'admin' })).id;
  vet = (await insertUser(db)).id;
  patient = (await insertPatient(db)).id;
  // The role this test connected as (no SET ROLE anywhere), read outside any trigger.
  const [me] = await queryRows<{ role: string }>(db, sql`select current_user as role`);
  connectedRole = me!.role;
});
afterAll(() => handle?.close());

const context = (): AuditContext & { requestId: string } => ({
  userId: actor,
  requestId: `req-${randomUUID()}`,
  ip: '203.0.113.7',
  userAgent: 'vitest/audit',
});

/** Runs `work` in a transaction that first sets the audit context, as the API does for every mutation. */
async function asActor<T>(work: (tx: Transaction) => Promise<T>, ctx: AuditContext = context()): Promise<T> {
  return db.transaction(async (tx) => {
    await setAuditContext(tx, ctx);
    return work(tx);
  });
}

/** A record's audit trail, oldest first, with the IP as plain text. */
const trail = (recordId: string) =>
  db
    .select({
      action: auditLog.action,
      tableName: auditLog.tableName,
      userId: auditLog.userId,
      requestId: auditLog.requestId,
      ip: sql<string | null>`host(${auditLog.ip})`,
      userAgent: auditLog.userAgent,
      dbUser: auditLog.dbUser,
      oldValues: auditLog.oldValues,
      newValues: auditLog.newValues,
      changedFields: auditLog.changedFields,
    })
    .from(auditLog)
    .where(eq(auditLog.recordId, recordId))
    .orderBy(asc(auditLog.id));

const auditCount = async () =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]!.n;

interface Audited {
  table: AuditedTable;
  create(tx: Transaction): Promise<string>;
  /** One column changed by `update`, as its snake_case key in the JSON snapshots. */
  change: { field: string; from: unknown; to: unknown };
  update(tx: Transaction, id: string): Promise<unknown>;
  remove(tx: Transaction, id: string): Promise<unknown>;
}

const audited: Audited[] = [
  {
    table: 'owners',
    create: async (tx) =>
      (
        await tx
          .insert(owners)
          .values(ownerRow({ phone: '+1 555 111 1111' }))
          .returning()
      )[0]!.id,
    change: { field: 'phone', from: '+1 555 111 1111', to: '+1 555 222 2222' },
    update: (tx, id) => tx.update(owners).set({ phone: '+1 555 222 2222' }).where(eq(owners.id, id)),
    remove: (tx, id) => tx.delete(owners).where(eq(owners.id, id)),
  },
  {
    table: 'patients',
    create: async (tx) => {
      const ownerId = (await insertOwner(tx)).id;
      return (
        await tx
          .insert(patients)
          .values(patientRow(ownerId, { weightKg: 12.5 }))
          .returning()
      )[0]!.id;
    },
    change: { field: 'weight_kg', from: 12.5, to: 13.25 },
    update: (tx, id) => tx.update(patients).set({ weightKg: 13.25 }).where(eq(patients.id, id)),
    remove: (tx, id) => tx.delete(patients).where(eq(patients.id, id)),
  },
  {
    table: 'appointments',
    create: async (tx) =>
      (
        await tx
          .insert(appointments)
          .values(appointmentRow(patient, vet, { reason: 'Vaccination' }))
          .returning()
      )[0]!.id,
    change: { field: 'reason', from: 'Vaccination', to: 'Vaccination and nail trim' },
    update: (tx, id) =>
      tx.update(appointments).set({ reason: 'Vaccination and nail trim' }).where(eq(appointments.id, id)),
    remove: (tx, id) => tx.delete(appointments).where(eq(appointments.id, id)),
  },
  {
    table: 'system_users',
    create: async (tx) =>
      (
        await tx
          .insert(systemUsers)
          .values(userRow({ fullName: 'Dr. Before' }))
          .returning()
      )[0]!.id,
    change: { field: 'full_name', from: 'Dr. Before', to: 'Dr. After' },
    update: (tx, id) => tx.update(systemUsers).set({ fullName: 'Dr. After' }).where(eq(systemUsers.id, id)),
    remove: (tx, id) => tx.delete(systemUsers).where(eq(systemUsers.id, id)),
  },
];

describe('row changes', () => {
  it.each(audited)('$table: insert, update and delete each write one row with the actor', async (t) => {
    const ctx = context();
    const actorFields = {
      tableName: t.table,
      userId: actor,
      requestId: ctx.requestId,
      ip: '203.0.113.7',
      userAgent: 'vitest/audit',
      dbUser: connectedRole,
    };

    const id = await asActor(t.create, ctx);
    const [inserted, ...more] = await trail(id);
    expect(more).toEqual([]);
    expect(inserted).toMatchObject({
      ...actorFields,
      action: 'insert',
      oldValues: null,
      changedFields: null,
    });
    expect(inserted!.newValues).toMatchObject({ id, [t.change.field]: t.change.from });

    await asActor((tx) => t.update(tx, id), ctx);
    const updates = (await trail(id)).slice(1);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ ...actorFields, action: 'update', changedFields: [t.change.field] });
    expect(updates[0]!.oldValues).toMatchObject({ id, [t.change.field]: t.change.from });
    expect(updates[0]!.newValues).toMatchObject({ id, [t.change.field]: t.change.to });

    await asActor((tx) => t.remove(tx, id), ctx);
    const deletes = (await trail(id)).slice(2);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({
      ...actorFields,
      action: 'delete',
      newValues: null,
      changedFields: null,
    });
    expect(deletes[0]!.oldValues).toMatchObject({ id, [t.change.field]: t.change.to });
  });

  it('medical_records: insert and update are logged; a refused delete logs nothing', async () => {
    const ctx = context();
    const id = await asActor(
      async (tx) =>
        (
          await tx
            .insert(medicalRecords)
            .values(recordRow(patient, vet, { diagnosis: 'Otitis' }))
            .returning()
        )[0]!.id,
      ctx,
    );
    await asActor(
      (tx) => tx.update(medicalRecords).set({ diagnosis: 'Otitis externa' }).where(eq(medicalRecords.id, id)),
      ctx,
    );
    const before = await auditCount();
    const failure = await refused(
      asActor((tx) => tx.delete(medicalRecords).where(eq(medicalRecords.id, id)), ctx),
    );
    expect(failure.constraint).toBe('medical_records_never_deleted');
    expect(await auditCount()).toBe(before);

    const rows = await trail(id);
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update']);
    expect(rows[1]).toMatchObject({
      tableName: 'medical_records',
      userId: actor,
      requestId: ctx.requestId,
      changedFields: ['diagnosis'],
      oldValues: expect.objectContaining({ diagnosis: 'Otitis' }),
      newValues: expect.objectContaining({ diagnosis: 'Otitis externa' }),
    });
  });

  it('has an audit trigger on exactly the audited tables', async () => {
    const rows = await queryRows<{ table: string }>(
      db,
      sql`select distinct c.relname as table
            from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
           where not t.tgisinternal and p.proname = 'vetflow_audit_row_change' order by 1`,
    );
    expect(rows.map((r) => r.table)).toEqual([...AUDITED_TABLES].sort());
  });
});

describe('the actor', () => {
  it('is null outside the API, and db_user names the connected role', async () => {
    const { id } = await insertOwner(db);
    expect(await trail(id)).toEqual([
      expect.objectContaining({ action: 'insert', userId: null, requestId: null, ip: null, userAgent: null }),
    ]);
    expect((await trail(id))[0]!.dbUser).toBe(connectedRole);
  });

  it('is null when the context says no user, and does not outlive its transaction', async () => {
    // setAuditContext writes '' for "none"; on a reused connection an expired setting also reads as ''.
    const anonymous = await asActor((tx) => insertOwner(tx), { userId: null });
    const after = await insertOwner(db);
    for (const { id } of [anonymous, after]) {
      expect(await trail(id)).toEqual([expect.objectContaining({ userId: null, requestId: null, ip: null })]);
    }
  });
});

describe('what is not a change', () => {
  it('a no-op update writes no row and keeps updated_at', async () => {
    const owner = await insertOwner(db, { phone: '+1 555 333 3333' });
    const [same] = await asActor((tx) =>
      tx.update(owners).set({ phone: '+1 555 333 3333' }).where(eq(owners.id, owner.id)).returning(),
    );
    expect(same!.updatedAt).toEqual(owner.updatedAt);
    expect((await trail(owner.id)).map((r) => r.action)).toEqual(['insert']);
  });

  it('sign-in bookkeeping alone writes no row and keeps updated_at', async () => {
    const user = await insertUser(db);
    const [booked] = await asActor((tx) =>
      tx
        .update(systemUsers)
        .set({
          lastLoginAt: new Date(),
          failedLoginCount: 3,
          loginBlockedUntil: new Date(Date.now() + 60_000),
        })
        .where(eq(systemUsers.id, user.id))
        .returning(),
    );
    expect(booked!.failedLoginCount).toBe(3);
    expect(booked!.updatedAt).toEqual(user.updatedAt);
    expect((await trail(user.id)).map((r) => r.action)).toEqual(['insert']);

    // Alongside a real change, the bookkeeping columns are not listed as changed.
    await asActor((tx) =>
      tx
        .update(systemUsers)
        .set({ fullName: 'Dr. Renamed', failedLoginCount: 0 })
        .where(eq(systemUsers.id, user.id)),
    );
    expect((await trail(user.id)).slice(1)).toEqual([
      expect.objectContaining({ action: 'update', changedFields: ['full_name'] }),
    ]);
  });
});

describe('secrets', () => {
  it('never put password_hash, key or value, into audit_log', async () => {
    const secret = `argon2-secret-${randomUUID()}`;
    const id = await asActor(
      async (tx) =>
        (
          await tx
            .insert(systemUsers)
            .values(userRow({ passwordHash: `${secret}-1` }))
            .returning()
        )[0]!.id,
    );
    await asActor((tx) =>
      tx
        .update(systemUsers)
        .set({ passwordHash: `${secret}-2`, passwordChangedAt: new Date(), fullName: 'Dr. Rotated' })
        .where(eq(systemUsers.id, id)),
    );
    await asActor((tx) =>
      tx
        .update(systemUsers)
        .set({ passwordHash: `${secret}-3` })
        .where(eq(systemUsers.id, id)),
    );
    await asActor((tx) => tx.delete(systemUsers).where(eq(systemUsers.id, id)));

    // The trail exists (so the search below is not vacuous) ...
    expect((await trail(id)).map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
    // ... and no part of any audit row mentions the column or its values.
    const leaks = await queryRows(
      db,
      sql`select id from audit_log a where a::text ilike '%password_hash%' or a::text like ${`%${secret}%`}`,
    );
    expect(leaks).toEqual([]);
  });
});

describe('transactions', () => {
  it('a rolled-back change leaves no audit row', async () => {
    const before = await auditCount();
    let id: string | undefined;
    await expect(
      asActor(async (tx) => {
        id = (await insertOwner(tx)).id;
        throw new Error('the request failed after the insert');
      }),
    ).rejects.toThrow('the request failed');
    expect(id).toBeDefined();
    expect(await trail(id!)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('updated_at strictly increases on every real change, even within one transaction', async () => {
    const owner = await insertOwner(db);
    const stamps = await asActor(async (tx) => {
      const seen = [owner.updatedAt];
      for (const notes of ['first', 'second', 'third']) {
        const [row] = await tx.update(owners).set({ notes }).where(eq(owners.id, owner.id)).returning();
        seen.push(row!.updatedAt);
      }
      return seen;
    });
    for (let i = 1; i < stamps.length; i++) {
      expect(stamps[i]!.getTime()).toBeGreaterThan(stamps[i - 1]!.getTime());
    }
  });
});

describe('audit_log is append-only', () => {
  it.each([
    ['UPDATE', sql`update audit_log set user_agent = 'tampered'`],
    ['DELETE', sql`delete from audit_log`],
    ['TRUNCATE', sql`truncate audit_log`],
  ])('refuses %s, even for the connecting role (a superuser in these tests)', async (_verb, statement) => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    const failure = await refused(db.execute(statement));
    expect(failure.code, failure.message).toBe('42501');
    expect(await auditCount()).toBe(before);
  });

  it('still accepts new rows (the auth events)', async () => {
    await expect(
      db.insert(auditLog).values({ action: 'login', userId: actor, ip: '198.51.100.4' }).returning(),
    ).resolves.toHaveLength(1);
  });
});
