import { auditLog } from '@vetflow/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';

let t: TestApp;
let vet: TestClient;
let vet2: TestClient;
let patientId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  vet = await t.signIn('vet');
  vet2 = await t.signIn('vet2');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(vet));
});
afterAll(() => t.close());

const writeRecord = (client: TestClient) =>
  client.trpc.medicalRecords.create.mutate({
    patientId,
    reason: 'Limping',
    findings: 'Swelling of the left carpus',
    diagnosis: 'Soft tissue strain',
    treatment: 'Rest',
    weightKg: 22.1,
  });

describe('medical records', () => {
  it('are attributed to the acting veterinarian, whatever the input says', async () => {
    const record = await writeRecord(vet);
    expect(record.veterinarianId).toBe(t.users.vet.id);
    const patient = await vet.trpc.patients.get.query({ id: patientId });
    expect(patient.weightHistory.map((w) => w.weightKg)).toContain(22.1);
  });

  it("a visit's weight and new allergies update the patient in the same transaction", async () => {
    const { patient } = await createOwnerWithPet(vet, '-findings');
    await vet.trpc.medicalRecords.create.mutate({
      patientId: patient.id,
      reason: 'Itchy skin',
      weightKg: 24.2,
      newAllergies: [{ allergen: 'Chicken protein', severity: 'moderate', reaction: 'Pruritus' }],
    });
    const after = await vet.trpc.patients.get.query({ id: patient.id });
    expect(after.weightKg).toBe(24.2);
    expect(after.allergies.map((a) => a.allergen)).toEqual(['Penicillin', 'Chicken protein']);
    // One visit, one change in the patient's audit trail: allergies and weight together.
    const changes = await t.db
      .select({ fields: auditLog.changedFields })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, patient.id), eq(auditLog.action, 'update')));
    expect(changes).toEqual([{ fields: ['allergies', 'weight_kg'] }]);

    // A visit entered late, dated before the last weighing, does not overwrite the current weight.
    await vet.trpc.medicalRecords.create.mutate({
      patientId: patient.id,
      reason: 'Old visit typed in later',
      weightKg: 19,
      visitedAt: new Date(Date.now() - 30 * 24 * HOUR),
    });
    expect((await vet.trpc.patients.get.query({ id: patient.id })).weightKg).toBe(24.2);

    // A refused allergy (bad severity) refuses the whole visit: no record, no change to the patient.
    const before = await vet.trpc.medicalRecords.listForPatient.query({ patientId: patient.id });
    const bad = await errorOf(
      vet.trpc.medicalRecords.create.mutate({
        patientId: patient.id,
        reason: 'Another visit',
        weightKg: 30,
        newAllergies: [{ allergen: 'Dust', severity: 'deadly' as never }],
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(await vet.trpc.medicalRecords.listForPatient.query({ patientId: patient.id })).toHaveLength(
      before.length,
    );
    expect((await vet.trpc.patients.get.query({ id: patient.id })).weightKg).toBe(24.2);
  });

  it("amending a visit's weight, or adding an addendum with one, corrects the patient's current weight", async () => {
    const { patient } = await createOwnerWithPet(vet, '-amended-weight');
    const typo = await vet.trpc.medicalRecords.create.mutate({
      patientId: patient.id,
      reason: 'Weight check',
      weightKg: 104,
    });
    expect((await vet.trpc.patients.get.query({ id: patient.id })).weightKg).toBe(104);

    await vet.trpc.medicalRecords.amend.mutate({ id: typo.id, updatedAt: typo.updatedAt, weightKg: 10.4 });
    const amended = await vet.trpc.patients.get.query({ id: patient.id });
    expect(amended.weightKg).toBe(10.4);
    expect(amended.weightHistory.map((w) => w.weightKg)).toEqual([10.4]);

    await vet2.trpc.medicalRecords.addAddendum.mutate({
      recordId: typo.id,
      reason: 'Reweighed on the calibrated scale',
      weightKg: 10.6,
    });
    expect((await vet.trpc.patients.get.query({ id: patient.id })).weightKg).toBe(10.6);
  });

  it('the author may amend within 24 hours; another vet may not; then the record is locked', async () => {
    const record = await writeRecord(vet);
    const amended = await vet.trpc.medicalRecords.amend.mutate({
      id: record.id,
      updatedAt: record.updatedAt,
      diagnosis: 'Carpal sprain',
    });
    expect(amended.diagnosis).toBe('Carpal sprain');

    const notAuthor = await errorOf(
      vet2.trpc.medicalRecords.amend.mutate({ id: record.id, updatedAt: amended.updatedAt, diagnosis: 'x' }),
    );
    expect(notAuthor.code).toBe('FORBIDDEN');

    // The server's clock moves a day on (sessions expire with it, so both vets sign in again).
    t.clock.advance(24 * HOUR + 60_000);
    try {
      const vetLater = await t.signIn('vet');
      const vet2Later = await t.signIn('vet2');
      const locked = await errorOf(
        vetLater.trpc.medicalRecords.amend.mutate({
          id: record.id,
          updatedAt: amended.updatedAt,
          diagnosis: 'late',
        }),
      );
      expect(locked.code).toBe('CONFLICT');
      expect(locked.message).toMatch(/record is locked/);

      const addendum = await vet2Later.trpc.medicalRecords.addAddendum.mutate({
        recordId: record.id,
        reason: 'Correction',
        notes: 'Radiographs show no fracture',
      });
      expect(addendum).toMatchObject({
        amendsRecordId: record.id,
        patientId,
        veterinarianId: t.users.vet2.id,
        visitedAt: record.visitedAt,
      });
      const original = await vetLater.trpc.medicalRecords.get.query({ id: record.id });
      expect(original.kind).toBe('full');
      if (original.kind === 'full') {
        expect(original.locked).toBe(true);
        expect(original.diagnosis).toBe('Carpal sprain');
        expect('addenda' in original && original.addenda.map((a) => a.id)).toEqual([addendum.id]);
      }
    } finally {
      t.clock.advance(-(24 * HOUR + 60_000));
    }
  });

  it('only veterinarians write records', async () => {
    const admin = await t.signIn('admin');
    const assistant = await t.signIn('assistant');
    expect((await errorOf(writeRecord(admin))).code).toBe('FORBIDDEN');
    expect((await errorOf(writeRecord(assistant))).code).toBe('FORBIDDEN');
  });

  it('assistants read the summary only: date, vet, reason, follow-up', async () => {
    await writeRecord(vet);
    const assistant = await t.signIn('assistant');
    const records = await assistant.trpc.medicalRecords.listForPatient.query({ patientId });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(
        [
          'amendsRecordId',
          'followUpOn',
          'id',
          'kind',
          'patientId',
          'reason',
          'veterinarianId',
          'veterinarianName',
          'visitedAt',
        ].sort(),
      );
    }
    const full = await vet.trpc.medicalRecords.listForPatient.query({ patientId });
    expect(full[0]).toMatchObject({ kind: 'full', findings: 'Swelling of the left carpus' });
  });
});
