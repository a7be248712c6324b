import { appointments, medicalRecords } from '@vetflow/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet, slot } from '../support/fixtures';
import { expectFieldRefusal } from '../support/refusal';

// The visit (issue 9, flow 3): recording the visit for an appointment completes it in the same step; an
// appointment holds one visit record; a cancelled one, or another patient's, takes none.

let t: TestApp;
let vet: TestClient;
let assistant: TestClient;
let patientId: string;
let otherPatientId: string;
let day = 0;

beforeAll(async () => {
  t = await startTestApp();
  vet = await t.signIn('vet');
  assistant = await t.signIn('assistant');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(assistant));
  ({
    patient: { id: otherPatientId },
  } = await createOwnerWithPet(assistant, '-other'));
});
afterAll(() => t.close());

/** An appointment on a day of its own (so none clash), moved through `statuses` by reception. */
async function appointment(...statuses: ('checked_in' | 'in_progress')[]) {
  const created = await assistant.trpc.appointments.create.mutate({
    patientId,
    veterinarianId: t.users.vet.id,
    reason: 'Lameness, left fore',
    ...slot(9, 0, 30, 2 + day++),
  });
  for (const status of statuses)
    await assistant.trpc.appointments.setStatus.mutate({ id: created.id, status });
  return created.id;
}

const record = (appointmentId: string, client = vet, patient = patientId) =>
  client.trpc.medicalRecords.create.mutate({
    patientId: patient,
    appointmentId,
    reason: 'Lameness, left fore',
  });

const row = async (id: string) => (await t.db.select().from(appointments).where(eq(appointments.id, id)))[0]!;

describe('recording the visit of an appointment', () => {
  it('completes a checked-in appointment in the same transaction, stamping start and end', async () => {
    const id = await appointment('checked_in');
    const before = await row(id);
    const saved = await record(id);
    const after = await row(id);
    expect(after.status).toBe('completed');
    expect(after.checkedInAt).toEqual(before.checkedInAt);
    expect(after.startedAt).toEqual(saved.visitedAt);
    expect(after.completedAt).not.toBeNull();
    expect(after.completedAt!.getTime()).toBeGreaterThanOrEqual(after.startedAt!.getTime());
    // The desk sees the record on the appointment, to open it rather than record it again.
    expect((await assistant.trpc.appointments.get.query({ id })).recordId).toBe(saved.id);
  });

  it('keeps the start of a visit already in progress', async () => {
    const id = await appointment('checked_in', 'in_progress');
    const started = (await row(id)).startedAt;
    await record(id);
    expect(await row(id)).toMatchObject({ status: 'completed', startedAt: started });
  });

  it('refuses a second visit record for the same appointment, naming it, and changes nothing', async () => {
    const id = await appointment('checked_in');
    const first = await record(id);
    const error = await errorOf(record(id));
    expectFieldRefusal(error.data, { code: 'CONFLICT', field: 'appointmentId', message: /already recorded/ });
    const rows = await t.db.select().from(medicalRecords).where(eq(medicalRecords.appointmentId, id));
    expect(rows.map((r) => r.id)).toEqual([first.id]);
    // An addendum to the first is still welcome (it shares the appointment but is not a second visit).
    await vet.trpc.medicalRecords.addAddendum.mutate({
      recordId: first.id,
      reason: 'Correction',
      notes: 'Left, not right',
    });
  });

  it('two vets saving at once: one record, one refusal', async () => {
    const id = await appointment('checked_in');
    const vet2 = await t.signIn('vet2');
    const results = await Promise.allSettled([record(id), record(id, vet2)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === 'rejected');
    expect((await errorOf(Promise.reject((rejected as PromiseRejectedResult).reason))).code).toBe('CONFLICT');
    const rows = await t.db.select().from(medicalRecords).where(eq(medicalRecords.appointmentId, id));
    expect(rows).toHaveLength(1);
  });

  it("refuses a cancelled appointment and another patient's, naming the field, and changes nothing", async () => {
    const cancelled = await appointment();
    await assistant.trpc.appointments.cancel.mutate({ id: cancelled, reason: 'Owner ill' });
    const error = await errorOf(record(cancelled));
    expectFieldRefusal(error.data, { code: 'CONFLICT', field: 'appointmentId', message: /was cancelled/ });
    expect((await row(cancelled)).status).toBe('cancelled');

    const someoneElses = await appointment('checked_in');
    expectFieldRefusal((await errorOf(record(someoneElses, vet, otherPatientId))).data, {
      code: 'BAD_REQUEST',
      field: 'appointmentId',
      message: 'No such appointment for this patient',
    });
    expect((await row(someoneElses)).status).toBe('checked_in');
    const written = await t.db
      .select()
      .from(medicalRecords)
      .where(eq(medicalRecords.patientId, otherPatientId));
    expect(written).toEqual([]);
  });
});
