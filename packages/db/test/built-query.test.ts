import { setFlagsFromString } from 'node:v8';
import { medicalRecords, owners, patients } from '@vetflow/schema';
import { and, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAuditContext } from '../src/audit-context';
import { selectOnce, statementOnce } from '../src/built-query';
import type { Transaction } from '../src/client';
import * as queries from '../src/queries';
import { queryRows } from '../src/raw';
import type { DatabaseRole } from '../src/role-grants';
import { currentDatabaseRoles, type RuntimeConnection } from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { insertOwner, insertPatient, insertUser, recordRow, refused } from './helpers';

/**
 * Statements built once (built-query.ts) must answer exactly as the same select built by Drizzle on every call
 * — the same rows, nested objects, Dates and null joins — and run on the executor they are given: the request's
 * transaction, as its role. On both engines.
 */

let owner: TestDbHandle;
let runtime: RuntimeConnection;
let roles: Record<DatabaseRole, string>;
let patientId: string;
let vetId: string;
let assistantId: string;

beforeAll(async () => {
  owner = await createTestDb();
  runtime = await createTestRuntime(owner);
  roles = await currentDatabaseRoles(owner.db);
  vetId = (await insertUser(owner.db, { role: 'veterinarian' })).id;
  assistantId = (await insertUser(owner.db, { role: 'assistant' })).id;
  patientId = (await insertPatient(owner.db, { name: 'Built' })).id;
  for (const days of [1, 2, 3]) {
    await queries.createRecord(owner.db, {
      ...recordRow(patientId, vetId),
      visitedAt: new Date(Date.UTC(2030, 0, days, 9)),
      weightKg: 10 + days,
    });
  }
  await insertOwner(owner.db, { lastName: 'Petless' });
});
afterAll(async () => {
  if (runtime?.handle !== owner) await runtime?.handle.close();
  await owner?.close();
});

function asRole<T>(role: DatabaseRole, userId: string, work: (tx: Transaction) => Promise<T>) {
  return runtime.handle.db.transaction(async (tx) => {
    await setAuditContext(tx, { userId }, { role: roles[role], readOnly: true, now: new Date() });
    return work(tx);
  });
}

const recordsAfter = selectOnce(['patientId', 'after'], (qb, p) =>
  qb
    .select({ id: medicalRecords.id, visitedAt: medicalRecords.visitedAt, weightKg: medicalRecords.weightKg })
    .from(medicalRecords)
    .where(and(eq(medicalRecords.patientId, p.patientId), gt(medicalRecords.visitedAt, p.after)))
    .orderBy(desc(medicalRecords.visitedAt)),
);

describe('selectOnce', () => {
  it('answers as the same select built by Drizzle: rows, order, Dates and numbers, with a Date bound', async () => {
    const after = new Date(Date.UTC(2030, 0, 1, 12));
    const built = await recordsAfter(owner.db, { patientId, after });
    const drizzle = await owner.db
      .select({
        id: medicalRecords.id,
        visitedAt: medicalRecords.visitedAt,
        weightKg: medicalRecords.weightKg,
      })
      .from(medicalRecords)
      .where(and(eq(medicalRecords.patientId, patientId), gt(medicalRecords.visitedAt, after)))
      .orderBy(desc(medicalRecords.visitedAt));
    expect(built).toEqual(drizzle);
    expect(built.map((r) => r.weightKg)).toEqual([13, 12]);
    expect(built[0]!.visitedAt).toBeInstanceOf(Date);
    // Built once, run again with other values: the placeholders take them.
    expect(await recordsAfter(owner.db, { patientId, after: new Date(Date.UTC(2031, 0, 1)) })).toEqual([]);
  });

  it('maps nested selections, and a left join without a match to null, as Drizzle does', async () => {
    const ownersWithPets = selectOnce(['lastName'], (qb, p) =>
      qb
        .select({
          owner: { id: owners.id, lastName: owners.lastName },
          pet: { id: patients.id, name: patients.name },
        })
        .from(owners)
        .leftJoin(patients, eq(patients.ownerId, owners.id))
        .where(eq(owners.lastName, p.lastName)),
    );
    const [petless] = await ownersWithPets(owner.db, { lastName: 'Petless' });
    expect(petless).toMatchObject({ owner: { lastName: 'Petless' }, pet: null });
    // The patient's owner has the fixtures' default surname.
    expect(await ownersWithPets(owner.db, { lastName: 'Lovelace' })).toEqual([
      { owner: { id: expect.any(String), lastName: 'Lovelace' }, pet: { id: patientId, name: 'Built' } },
    ]);
  });

  it("nulls a left-joined table's object exactly where Drizzle does, and keeps flat columns of it", async () => {
    // The joined object's first column decides (Drizzle's mapResultRow): deceasedAt is null for a matched pet too.
    const selection = {
      owner: { id: owners.id, lastName: owners.lastName },
      pet: { deceasedAt: patients.deceasedAt, name: patients.name },
      mixed: { petId: patients.id, ownerEmail: owners.email },
      petName: patients.name,
      label: sql<string | null>`${patients.name} || '!'`,
    };
    const built = selectOnce(['none'], (qb) =>
      qb
        .select(selection)
        .from(owners)
        .leftJoin(patients, eq(patients.ownerId, owners.id))
        .orderBy(owners.lastName),
    );
    const drizzle = await owner.db
      .select(selection)
      .from(owners)
      .leftJoin(patients, eq(patients.ownerId, owners.id))
      .orderBy(owners.lastName);
    const rows = await built(owner.db, { none: null });
    expect(rows).toEqual(drizzle);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(drizzle));
    expect(rows.some((r) => r.pet === null)).toBe(true);
    expect(rows.some((r) => r.petName === null && r.mixed !== null)).toBe(true);
  });

  it('maps an inner join, computed columns and nulls as Drizzle does, key order included', async () => {
    const selection = {
      pet: {
        id: patients.id,
        name: patients.name,
        weightKg: patients.weightKg,
        createdAt: patients.createdAt,
      },
      owner: { lastName: owners.lastName, email: owners.email },
      visits:
        sql<number>`(select count(*) from medical_records m where m.patient_id = ${patients.id})`.mapWith(
          Number,
        ),
      label: sql<string>`${patients.name} || '!'`,
    };
    const petsOf = selectOnce(['patientId'], (qb, p) =>
      qb
        .select(selection)
        .from(patients)
        .innerJoin(owners, eq(owners.id, patients.ownerId))
        .where(eq(patients.id, p.patientId)),
    );
    const built = await petsOf(owner.db, { patientId });
    const drizzle = await owner.db
      .select(selection)
      .from(patients)
      .innerJoin(owners, eq(owners.id, patients.ownerId))
      .where(eq(patients.id, patientId));
    expect(built).toEqual(drizzle);
    expect(JSON.stringify(built)).toBe(JSON.stringify(drizzle));
    expect(built[0]!.visits).toBe(3);
    expect(built[0]!.pet.createdAt).toBeInstanceOf(Date);
  });

  it('gives every row, however wide, and the rows the queries complete, fast properties (not a dictionary)', async () => {
    // V8's own check, through its natives syntax: a dictionary row is read, copied and written as JSON several
    // times slower (issue 12). Rows built key by key past about twenty keys, or completed by Object.assign, were.
    setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const wide = selectOnce(['patientId'], (qb, p) =>
      qb
        .select({
          ...getTableColumns(medicalRecords),
          ...Object.fromEntries(Object.entries(getTableColumns(patients)).map(([k, c]) => [`pet_${k}`, c])),
          patient: { id: patients.id, name: patients.name },
        })
        .from(medicalRecords)
        .innerJoin(patients, eq(patients.id, medicalRecords.patientId))
        .where(eq(medicalRecords.patientId, p.patientId)),
    );
    const [row] = await wide(owner.db, { patientId });
    expect(Object.keys(row!).length).toBeGreaterThan(30);
    expect(hasFastProperties(row!)).toBe(true);
    expect(hasFastProperties(row!.patient)).toBe(true);
    const page = await queries.listAudit(owner.db, { limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(hasFastProperties(item)).toBe(true);
    const chart = await queries.getPatient(owner.db, patientId, new Date());
    expect(hasFastProperties(chart!)).toBe(true);
  });

  it("runs in the transaction it is given, as that transaction's role", async () => {
    const diagnoses = selectOnce(['patientId'], (qb, p) =>
      qb
        .select({ diagnosis: medicalRecords.diagnosis })
        .from(medicalRecords)
        .where(eq(medicalRecords.patientId, p.patientId)),
    );
    expect(await asRole('veterinarian', vetId, (tx) => diagnoses(tx, { patientId }))).toHaveLength(3);
    // The assistant's role may not read clinical columns: the database refuses the very same built statement.
    expect((await refused(asRole('assistant', assistantId, (tx) => diagnoses(tx, { patientId })))).code).toBe(
      '42501',
    );
  });
});

describe('statementOnce', () => {
  it('runs its statement with the values bound, in the transaction it is given', async () => {
    const setting = statementOnce(
      ['value'],
      (p) => sql`select set_config('app.built_query_test', ${p.value}, true)`,
    );
    const seen = await owner.db.transaction(async (tx) => {
      await setting(tx, { value: 'first' });
      const [row] = await queryRows<{ value: string }>(
        tx,
        sql`select current_setting('app.built_query_test') as value`,
      );
      return row!.value;
    });
    expect(seen).toBe('first');
  });
});
