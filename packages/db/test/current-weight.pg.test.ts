import { medicalRecords, patients } from '@vetflow/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { createTestDb } from '../src/testing';
import { insertPatient, insertUser, recordRow } from './helpers';

// Two visits of one patient saved at the same moment (PostgreSQL only: PGlite has one connection, so its
// transactions never overlap). The one saved second must not put back the weight of the older visit it could
// not see when its statement began.

let handle: DbHandle;
let db: Database;
let vet: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  vet = (await insertUser(db)).id;
});
afterAll(() => handle?.close());

describe("the patient's current weight under concurrent visits", () => {
  it('the latest visit wins even when an older one commits after it', async () => {
    const { id } = await insertPatient(db, { weightKg: 20 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let newerWritten!: () => void;
    const written = new Promise<void>((resolve) => {
      newerWritten = resolve;
    });
    const newer = db.transaction(async (tx) => {
      await tx
        .insert(medicalRecords)
        .values(recordRow(id, vet, { visitedAt: new Date('2030-05-10T10:00:00Z'), weightKg: 25 }));
      // What its commit would do, done now and held: the patient is updated and locked by this transaction.
      await tx.execute(sql`set constraints medical_records_current_weight immediate`);
      newerWritten();
      await held;
    });
    await written;
    // Its commit waits for the first transaction's lock on the patient, then must see that one's record.
    const older = db.transaction(async (tx) => {
      await tx
        .insert(medicalRecords)
        .values(recordRow(id, vet, { visitedAt: new Date('2030-05-01T10:00:00Z'), weightKg: 22 }));
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([newer, older]);
    const [row] = await db.select({ w: patients.weightKg }).from(patients).where(eq(patients.id, id));
    expect(row!.w).toBe(25);
  });
});
