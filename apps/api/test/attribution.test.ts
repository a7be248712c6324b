import { auditLog } from '@vetflow/schema';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { createOwnerWithPet } from './support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditRowsFor = (tableName: string, recordId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tableName, tableName), eq(auditLog.recordId, recordId)))
    .orderBy(asc(auditLog.id));

describe('attribution: the database records who made each change through the API', () => {
  it('an insert by the assistant carries their id, the request id, IP and user agent', async () => {
    const assistant = await t.signIn('assistant');
    const owner = await assistant.trpc.owners.create.mutate({
      firstName: 'Ana',
      lastName: 'Audit',
      phone: '555 123 456',
    });
    const requestId = assistant.lastRequestId();
    const rows = await auditRowsFor('owners', owner.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'insert',
      userId: t.users.assistant.id,
      requestId,
      ip: '127.0.0.1',
    });
    expect(rows[0]!.userAgent).toBeTruthy();
    expect(rows[0]!.newValues).toMatchObject({ first_name: 'Ana', last_name: 'Audit' });
  });

  it('an update by another user is attributed to that user with old and new values', async () => {
    const assistant = await t.signIn('assistant');
    const vet = await t.signIn('vet');
    const { owner } = await createOwnerWithPet(assistant, '-attr');
    await vet.trpc.owners.update.mutate({
      id: owner.id,
      updatedAt: owner.updatedAt,
      phone: '+44 20 7946 0000',
    });
    const rows = await auditRowsFor('owners', owner.id);
    const update = rows.find((r) => r.action === 'update');
    expect(update).toMatchObject({
      userId: t.users.vet.id,
      requestId: vet.lastRequestId(),
      changedFields: ['phone'],
    });
    expect(update!.oldValues).toMatchObject({ phone: '+1 555 010 2030' });
    expect(update!.newValues).toMatchObject({ phone: '+44 20 7946 0000' });
  });

  it('every row of one mutation shares its request id (marking a patient deceased cancels its bookings)', async () => {
    const assistant = await t.signIn('assistant');
    const vet = await t.signIn('vet');
    const { patient } = await createOwnerWithPet(assistant, '-deceased');
    const startsAt = new Date(Date.now() + 3 * 24 * 3_600_000);
    const appointment = await assistant.trpc.appointments.create.mutate({
      patientId: patient.id,
      veterinarianId: t.users.vet.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      reason: 'Check-up',
    });
    const result = await vet.trpc.patients.markDeceased.mutate({ id: patient.id });
    expect(result.cancelledAppointments).toBe(1);
    const requestId = vet.lastRequestId();
    const [patientRow] = (await auditRowsFor('patients', patient.id)).filter((r) => r.action === 'update');
    const [appointmentRow] = (await auditRowsFor('appointments', appointment.id)).filter(
      (r) => r.action === 'update',
    );
    expect(patientRow).toMatchObject({ userId: t.users.vet.id, requestId, changedFields: ['deceased_at'] });
    expect(appointmentRow).toMatchObject({ userId: t.users.vet.id, requestId });
    expect(appointmentRow!.changedFields).toEqual(expect.arrayContaining(['status', 'cancel_reason']));
  });

  it('a refused mutation leaves no audit row', async () => {
    const assistant = await t.signIn('assistant');
    const before = await t.db.$count(auditLog);
    await expect(
      assistant.trpc.patients.create.mutate({
        ownerId: '00000000-0000-4000-8000-000000000000',
        name: 'Ghost',
        species: 'Cat',
      }),
    ).rejects.toThrow(/Owner not found/);
    expect(await t.db.$count(auditLog)).toBe(before);
  });
});
