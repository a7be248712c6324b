import { medicalRecords, patients } from '@vetflow/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { createTestDb } from '../src/testing';
import { insertPatient, insertUser, recordRow } from './helpers';

// A patient's current weight is the weight of its latest weighed visit (by visit time), whichever way the
// records are written: created, amended or added to, in any order, through the API or by hand.

let handle: DbHandle;
let db: Database;
let vet: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  vet = (await insertUser(db)).id;
});
afterAll(() => handle?.close());

const day = (d: number) => new Date(Date.UTC(2030, 0, d, 10));

async function currentWeight(patientId: string) {
  const [row] = await db.select({ w: patients.weightKg }).from(patients).where(eq(patients.id, patientId));
  return row!.w;
}

async function visit(patientId: string, visitedAt: Date, weightKg: number | null, amendsRecordId?: string) {
  const [row] = await db
    .insert(medicalRecords)
    .values(recordRow(patientId, vet, { visitedAt, weightKg, amendsRecordId }))
    .returning();
  return row!;
}

const amend = (id: string, values: Partial<typeof medicalRecords.$inferInsert>) =>
  db.update(medicalRecords).set(values).where(eq(medicalRecords.id, id));

describe("the patient's current weight", () => {
  it('follows a new visit, and an amended weight (104 → 10.4 kg)', async () => {
    const { id } = await insertPatient(db, { weightKg: 9.8 });
    const record = await visit(id, day(10), 104);
    expect(await currentWeight(id)).toBe(104);
    await amend(record.id, { weightKg: 10.4 });
    expect(await currentWeight(id)).toBe(10.4);
  });

  it('an older visit, created or amended later, never overrides a newer one', async () => {
    const { id } = await insertPatient(db, { weightKg: 20 });
    await visit(id, day(10), 21);
    const older = await visit(id, day(3), 18);
    expect(await currentWeight(id)).toBe(21);
    await amend(older.id, { weightKg: 18.5 });
    expect(await currentWeight(id)).toBe(21);
  });

  it('a visit without a weight does not clear it, in any order', async () => {
    const { id } = await insertPatient(db, { weightKg: 20 });
    await visit(id, day(5), 22);
    const unweighed = await visit(id, day(12), null);
    expect(await currentWeight(id)).toBe(22);
    await amend(unweighed.id, { diagnosis: 'Otitis' });
    expect(await currentWeight(id)).toBe(22);
    // Weighing it later makes it the latest weighed visit.
    await amend(unweighed.id, { weightKg: 23.1 });
    expect(await currentWeight(id)).toBe(23.1);
    // Taking that weight out again falls back to the visit before.
    await amend(unweighed.id, { weightKg: null });
    expect(await currentWeight(id)).toBe(22);
  });

  it('moving a visit in time re-decides which one is the latest', async () => {
    const { id } = await insertPatient(db);
    const first = await visit(id, day(1), 30);
    await visit(id, day(2), 31);
    expect(await currentWeight(id)).toBe(31);
    await amend(first.id, { visitedAt: day(3) });
    expect(await currentWeight(id)).toBe(30);
  });

  it("an addendum's weight corrects its visit's; an addendum without one leaves it", async () => {
    const { id } = await insertPatient(db);
    const original = await visit(id, day(8), 104);
    await visit(id, day(8), null, original.id);
    expect(await currentWeight(id)).toBe(104);
    await visit(id, day(8), 10.4, original.id);
    expect(await currentWeight(id)).toBe(10.4);
  });

  it('with no weighed visit at all, keeps the weight entered with the patient', async () => {
    const { id } = await insertPatient(db, { weightKg: 7.5 });
    const record = await visit(id, day(4), null);
    await amend(record.id, { notes: 'Weighing scale broken' });
    expect(await currentWeight(id)).toBe(7.5);
  });

  it('many records written in one statement, for several patients, leave each at its latest', async () => {
    const a = (await insertPatient(db)).id;
    const b = (await insertPatient(db)).id;
    await db
      .insert(medicalRecords)
      .values([
        recordRow(a, vet, { visitedAt: day(9), weightKg: 5 }),
        recordRow(b, vet, { visitedAt: day(2), weightKg: 40 }),
        recordRow(a, vet, { visitedAt: day(1), weightKg: 4 }),
        recordRow(b, vet, { visitedAt: day(7), weightKg: 41 }),
        recordRow(a, vet, { visitedAt: day(11), weightKg: null }),
      ]);
    expect(await currentWeight(a)).toBe(5);
    expect(await currentWeight(b)).toBe(41);
  });
});
