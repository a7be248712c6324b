import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { expectFieldRefusal } from '../support/refusal';

// Hard plausibility limits on a visit's vitals and dates: a value outside them is refused with its field named,
// never stored and never clamped to the nearest allowed value (issue 9, bug 3).

let t: TestApp;
let vet: TestClient;
let patientId: string;
const DAY = 24 * 3_600_000;
const visitedAt = new Date('2026-03-10T15:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  vet = await t.signIn('vet');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(vet));
});
afterAll(() => t.close());

const record = (fields: Record<string, unknown>) =>
  vet.trpc.medicalRecords.create.mutate({ patientId, reason: 'Check-up', visitedAt, ...fields });

const weightRefusal = (message: string) => ({ code: 'BAD_REQUEST' as const, field: 'weightKg', message });

describe('a visit record', () => {
  it('refuses a body temperature outside 25–45 °C', async () => {
    for (const temperatureC of [48, 45.1, 24.9]) {
      expectFieldRefusal((await errorOf(record({ temperatureC }))).data, {
        code: 'BAD_REQUEST',
        field: 'temperatureC',
        message: 'Between 25 and 45 °C',
      });
    }
    await expect(record({ temperatureC: 45 })).resolves.toMatchObject({ temperatureC: 45 });
  });

  it('refuses −3 kg and more than 1,500 kg rather than clamping them', async () => {
    expectFieldRefusal(
      (await errorOf(record({ weightKg: -3 }))).data,
      weightRefusal('Must be greater than 0'),
    );
    expectFieldRefusal((await errorOf(record({ weightKg: 1500.01 }))).data, weightRefusal('At most 1500 kg'));
    const records = await vet.trpc.medicalRecords.listForPatient.query({ patientId });
    expect(records.some((r) => r.kind === 'full' && (r.weightKg === 0.01 || r.weightKg === 1500))).toBe(
      false,
    );
    await expect(record({ weightKg: 1500 })).resolves.toMatchObject({ weightKg: 1500 });
  });

  it('refuses a follow-up dated before the visit, accepts one on its day', async () => {
    expectFieldRefusal((await errorOf(record({ followUpOn: '2026-03-03' }))).data, {
      code: 'BAD_REQUEST',
      field: 'followUpOn',
      message: 'Cannot be before the visit',
    });
    await expect(record({ followUpOn: '2026-03-10' })).resolves.toMatchObject({ followUpOn: '2026-03-10' });
    // Without a visit time the visit is now: a follow-up last week is before it.
    const lastWeek = new Date(t.clock.now().getTime() - 7 * DAY).toISOString().slice(0, 10);
    expectFieldRefusal((await errorOf(record({ visitedAt: undefined, followUpOn: lastWeek }))).data, {
      code: 'BAD_REQUEST',
      field: 'followUpOn',
      message: 'Cannot be before the visit',
    });
  });

  it('an amendment or an addendum cannot date the follow-up before the visit either (the database says so)', async () => {
    const original = await record({ followUpOn: '2026-03-24' });
    const amend = await errorOf(
      vet.trpc.medicalRecords.amend.mutate({
        id: original.id,
        updatedAt: original.updatedAt,
        followUpOn: '2026-03-01',
      }),
    );
    const refusal = expectFieldRefusal(amend.data, {
      code: 'BAD_REQUEST',
      field: 'followUpOn',
      message: 'Cannot be before the visit',
    });
    expect(refusal.details).toEqual({
      kind: 'constraint',
      constraint: 'medical_records_follow_up_on_after_visit_check',
    });
    const addendum = await errorOf(
      vet.trpc.medicalRecords.addAddendum.mutate({
        recordId: original.id,
        reason: 'Recheck planned',
        followUpOn: '2026-03-01',
      }),
    );
    expectFieldRefusal(addendum.data, {
      code: 'BAD_REQUEST',
      field: 'followUpOn',
      message: 'Cannot be before the visit',
    });
    const amendTemperature = await errorOf(
      vet.trpc.medicalRecords.amend.mutate({
        id: original.id,
        updatedAt: original.updatedAt,
        temperatureC: 48,
      }),
    );
    expectFieldRefusal(amendTemperature.data, {
      code: 'BAD_REQUEST',
      field: 'temperatureC',
      message: 'Between 25 and 45 °C',
    });
  });
});

describe("a patient's weight", () => {
  it('is refused at −3 kg or above 1,500 kg, on registration and on edit, and the stored weight stays', async () => {
    const { owner } = await createOwnerWithPet(vet, '-weights');
    const register = (weightKg: number) =>
      vet.trpc.patients.create.mutate({ ownerId: owner.id, name: 'Bella', species: 'Horse', weightKg });
    expectFieldRefusal((await errorOf(register(-3))).data, weightRefusal('Must be greater than 0'));
    expectFieldRefusal((await errorOf(register(1500.01))).data, weightRefusal('At most 1500 kg'));
    const horse = await register(1500);
    const edit = await errorOf(
      vet.trpc.patients.update.mutate({ id: horse.id, updatedAt: horse.updatedAt, weightKg: -3 }),
    );
    expectFieldRefusal(edit.data, weightRefusal('Must be greater than 0'));
    expect((await vet.trpc.patients.get.query({ id: horse.id })).weightKg).toBe(1500);
  });
});
