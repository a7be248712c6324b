import { auditLog } from '@vetflow/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet, slot } from '../support/fixtures';
import { expectFieldRefusal } from '../support/refusal';

let t: TestApp;
let admin: TestClient;
let assistant: TestClient;
let patientId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
  assistant = await t.signIn('assistant');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(assistant));
});
afterAll(() => t.close());

describe('appointment types', () => {
  it('every clinic starts with the usual types and their durations', async () => {
    const types = await assistant.trpc.appointmentTypes.list.query({});
    const byName = Object.fromEntries(types.map((type) => [type.name, type.defaultMinutes]));
    expect(byName).toMatchObject({
      Consultation: 20,
      Vaccination: 15,
      'Follow-up': 15,
      Dental: 60,
      Surgery: 120,
    });
  });

  it('an admin creates, renames and deactivates a type; it is audited and never deleted', async () => {
    const created = await admin.trpc.appointmentTypes.create.mutate({
      name: '  Ultrasound ',
      defaultMinutes: 40,
    });
    expect(created).toMatchObject({ name: 'Ultrasound', defaultMinutes: 40, isActive: true });
    const renamed = await admin.trpc.appointmentTypes.update.mutate({
      id: created.id,
      updatedAt: created.updatedAt,
      name: 'Abdominal ultrasound',
    });
    expect(renamed.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    // A second save against the version first seen is a stale edit.
    const stale = await errorOf(
      admin.trpc.appointmentTypes.update.mutate({
        id: created.id,
        updatedAt: created.updatedAt,
        defaultMinutes: 45,
      }),
    );
    expect(stale.data).toMatchObject({ code: 'CONFLICT', details: { kind: 'stale_edit' } });

    await admin.trpc.appointmentTypes.setActive.mutate({ id: created.id, isActive: false });
    const active = await assistant.trpc.appointmentTypes.list.query({});
    expect(active.map((type) => type.id)).not.toContain(created.id);
    const all = await admin.trpc.appointmentTypes.list.query({ includeInactive: true });
    expect(all.find((type) => type.id === created.id)).toMatchObject({ isActive: false, defaultMinutes: 40 });

    const audit = await t.db
      .select({ action: auditLog.action, userId: auditLog.userId })
      .from(auditLog)
      .where(and(eq(auditLog.tableName, 'appointment_types'), eq(auditLog.recordId, created.id)));
    expect(audit.map((row) => row.action).sort()).toEqual(['insert', 'update', 'update']);
    expect(new Set(audit.map((row) => row.userId))).toEqual(new Set([t.users.admin.id]));
  });

  it('refuses a taken name (any case), an empty name and durations out of range, naming the field', async () => {
    const taken = await errorOf(
      admin.trpc.appointmentTypes.create.mutate({ name: 'consultation', defaultMinutes: 20 }),
    );
    expectFieldRefusal(taken.data, {
      code: 'CONFLICT',
      field: 'name',
      message: 'Another appointment type has this name',
    });
    const empty = await errorOf(
      admin.trpc.appointmentTypes.create.mutate({ name: '   ', defaultMinutes: 20 }),
    );
    expect(empty.data.issues).toEqual([{ path: 'name', message: 'Required' }]);
    for (const defaultMinutes of [0, 4, 721, 12.5]) {
      const bad = await errorOf(admin.trpc.appointmentTypes.create.mutate({ name: 'Odd', defaultMinutes }));
      expect(bad.data.issues.map((issue: { path: string }) => issue.path)).toEqual(['defaultMinutes']);
    }
    const long = await errorOf(
      admin.trpc.appointmentTypes.create.mutate({ name: 'x'.repeat(121), defaultMinutes: 20 }),
    );
    expect(long.data.issues).toEqual([{ path: 'name', message: 'At most 120 characters' }]);
  });

  it('only admins edit types', async () => {
    const [type] = await assistant.trpc.appointmentTypes.list.query({});
    const vet = await t.signIn('vet');
    for (const client of [assistant, vet]) {
      const refused = await errorOf(
        client.trpc.appointmentTypes.setActive.mutate({ id: type!.id, isActive: false }),
      );
      expect(refused.data.code).toBe('FORBIDDEN');
    }
  });

  it('a booking records its type; an inactive or unknown type is refused', async () => {
    const types = await assistant.trpc.appointmentTypes.list.query({});
    const vaccination = types.find((type) => type.name === 'Vaccination')!;
    const booked = await assistant.trpc.appointments.create.mutate({
      patientId,
      veterinarianId: t.users.vet.id,
      reason: 'Rabies booster',
      appointmentTypeId: vaccination.id,
      ...slot(9, 0, 15),
    });
    expect(booked.appointmentTypeId).toBe(vaccination.id);

    const retired = await admin.trpc.appointmentTypes.create.mutate({ name: 'Retired', defaultMinutes: 30 });
    await admin.trpc.appointmentTypes.setActive.mutate({ id: retired.id, isActive: false });
    for (const appointmentTypeId of [retired.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await errorOf(
        assistant.trpc.appointments.create.mutate({
          patientId,
          veterinarianId: t.users.vet.id,
          reason: 'Check',
          appointmentTypeId,
          ...slot(11, 0),
        }),
      );
      expectFieldRefusal(refused.data, {
        code: 'BAD_REQUEST',
        field: 'appointmentTypeId',
        message: 'Choose an active appointment type',
      });
    }
  });
});
