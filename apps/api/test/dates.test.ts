/**
 * Out-of-range dates. Years JavaScript barely represents (−271821, +275760) or PostgreSQL cannot (−4714, −5000,
 * +10000) used to give 500s (a RangeError in the server's date arithmetic, SQLSTATE 22008/22009 from the database).
 * Every date and datetime input has a sane range now: 400 naming the field, nothing written.
 */
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { toTRPCError } from '../src/trpc/errors';
import { startTestApp, type TestApp } from './support/app';
import type { TestClient } from './support/client';
import { createOwnerWithPet, slot } from './support/fixtures';
import { type CallResult, trpcCall } from './support/raw-trpc';

const EXTREME_YEARS: [label: string, date: Date][] = [
  ['−271821 (the earliest JavaScript Date)', new Date(-8_640_000_000_000_000)],
  ['−4714', new Date('-004714-06-01T12:00:00Z')],
  ['−5000', new Date('-005000-01-01T00:00:00Z')],
  ['+10000', new Date('+010000-01-01T00:00:00Z')],
  ['+275760 (the latest JavaScript Date)', new Date(8_640_000_000_000_000)],
  ['1899', new Date('1899-12-31T23:59:59.999Z')],
  ['2201', new Date('2201-01-01T00:00:00.000Z')],
];
const EXTREME_CALENDAR_DATES = [
  '-271821-04-20',
  '-4714-11-24',
  '-5000-01-01',
  '10000-01-01',
  '1899-12-31',
  '2201-01-01',
];

type Role = 'admin' | 'vet' | 'assistant';
let t: TestApp;
const cookies = {} as Record<Role, string>;
const fx = {
  ownerId: '',
  patientId: '',
  appointmentId: '',
  recordId: '',
  userId: '',
  versions: {} as Record<'owner' | 'patient' | 'appointment' | 'record' | 'user' | 'profile', Date>,
};

beforeAll(async () => {
  t = await startTestApp();
  const clients = {} as Record<Role, TestClient>;
  for (const role of ['admin', 'vet', 'assistant'] as const) {
    clients[role] = await t.signIn(role);
    cookies[role] = clients[role].cookie()!;
  }
  const { owner, patient } = await createOwnerWithPet(clients.assistant, '-dates');
  fx.ownerId = owner.id;
  fx.patientId = patient.id;
  fx.versions.owner = owner.updatedAt;
  fx.versions.patient = patient.updatedAt;
  const appointment = await clients.assistant.trpc.appointments.create.mutate({
    patientId: patient.id,
    veterinarianId: t.users.vet.id,
    reason: 'Check-up',
    ...slot(10),
  });
  fx.appointmentId = appointment.id;
  fx.versions.appointment = appointment.updatedAt;
  const record = await clients.vet.trpc.medicalRecords.create.mutate({
    patientId: patient.id,
    reason: 'Check-up',
  });
  fx.recordId = record.id;
  fx.versions.record = record.updatedAt;
  const staff = (await clients.admin.trpc.users.list.query()).find((u) => u.username === 'vet2')!;
  fx.userId = staff.id;
  fx.versions.user = staff.updatedAt;
  fx.versions.profile = (await clients.vet.trpc.auth.profile.query()).updatedAt;
});
afterAll(() => t.close());

/** One call over HTTP, serialized the way the tRPC client does it (superjson keeps Dates as Dates). */
function call(path: string, type: 'query' | 'mutation', input: unknown, as: Role): Promise<CallResult> {
  return trpcCall(t.baseUrl, path, input, { type, cookie: cookies[as] });
}

/** Row counts and newest versions of the audited tables, and the audit log's size: what a refusal must not change. */
async function snapshot() {
  const [row] = await queryRows(
    t.db,
    sql`select (select count(*)::int from owners) as owners, (select max(updated_at)::text from owners) as ov,
      (select count(*)::int from patients) as patients, (select max(updated_at)::text from patients) as pv,
      (select count(*)::int from appointments) as appointments, (select max(updated_at)::text from appointments) as av,
      (select count(*)::int from medical_records) as records, (select max(updated_at)::text from medical_records) as rv,
      (select max(updated_at)::text from system_users) as uv, (select count(*)::int from audit_log) as audit`,
  );
  return row;
}

interface Case {
  name: string;
  path: string;
  type: 'query' | 'mutation';
  as: Role;
  field: string;
  input: (date: Date) => unknown;
}

const MINUTE = 60_000;
const near = (date: Date, minutes: number) => {
  const time = date.getTime() + minutes * MINUTE;
  // Stay a representable Date at the very ends of JavaScript's range.
  return new Date(Math.max(-8_640_000_000_000_000, Math.min(8_640_000_000_000_000, time)));
};

const cases: Case[] = [
  {
    name: 'appointments.list from',
    path: 'appointments.list',
    type: 'query',
    as: 'assistant',
    field: 'from',
    input: (d) => ({ from: d, to: near(d, 60) }),
  },
  {
    name: 'appointments.list to',
    path: 'appointments.list',
    type: 'query',
    as: 'assistant',
    field: 'to',
    input: (d) => ({ from: near(d, -60), to: d }),
  },
  {
    name: 'appointments.create startsAt',
    path: 'appointments.create',
    type: 'mutation',
    as: 'assistant',
    field: 'startsAt',
    input: (d) => ({
      patientId: fx.patientId,
      veterinarianId: t.users.vet.id,
      reason: 'Check-up',
      startsAt: d,
      endsAt: near(d, 30),
    }),
  },
  {
    name: 'appointments.reschedule startsAt',
    path: 'appointments.reschedule',
    type: 'mutation',
    as: 'assistant',
    field: 'startsAt',
    input: (d) => ({
      id: fx.appointmentId,
      updatedAt: fx.versions.appointment,
      startsAt: d,
      endsAt: near(d, 30),
    }),
  },
  {
    name: 'appointments.reschedule updatedAt',
    path: 'appointments.reschedule',
    type: 'mutation',
    as: 'assistant',
    field: 'updatedAt',
    input: (d) => ({ id: fx.appointmentId, updatedAt: d, ...slot(11) }),
  },
  {
    name: 'medicalRecords.create visitedAt',
    path: 'medicalRecords.create',
    type: 'mutation',
    as: 'vet',
    field: 'visitedAt',
    input: (d) => ({ patientId: fx.patientId, reason: 'Check-up', visitedAt: d }),
  },
  {
    name: 'patients.markDeceased deceasedAt',
    path: 'patients.markDeceased',
    type: 'mutation',
    as: 'admin',
    field: 'deceasedAt',
    input: (d) => ({ id: fx.patientId, deceasedAt: d }),
  },
  {
    name: 'audit.list from',
    path: 'audit.list',
    type: 'query',
    as: 'admin',
    field: 'from',
    input: (d) => ({ from: d }),
  },
  {
    name: 'audit.list to',
    path: 'audit.list',
    type: 'query',
    as: 'admin',
    field: 'to',
    input: (d) => ({ to: d }),
  },
  {
    name: 'owners.update updatedAt',
    path: 'owners.update',
    type: 'mutation',
    as: 'assistant',
    field: 'updatedAt',
    input: (d) => ({ id: fx.ownerId, updatedAt: d, notes: 'x' }),
  },
  {
    name: 'patients.update updatedAt',
    path: 'patients.update',
    type: 'mutation',
    as: 'assistant',
    field: 'updatedAt',
    input: (d) => ({ id: fx.patientId, updatedAt: d, breed: 'Beagle' }),
  },
  {
    name: 'medicalRecords.amend updatedAt',
    path: 'medicalRecords.amend',
    type: 'mutation',
    as: 'vet',
    field: 'updatedAt',
    input: (d) => ({ id: fx.recordId, updatedAt: d, findings: 'x' }),
  },
  {
    name: 'users.update updatedAt',
    path: 'users.update',
    type: 'mutation',
    as: 'admin',
    field: 'updatedAt',
    input: (d) => ({ id: fx.userId, updatedAt: d, fullName: 'Dr. X' }),
  },
  {
    name: 'auth.updateProfile updatedAt',
    path: 'auth.updateProfile',
    type: 'mutation',
    as: 'vet',
    field: 'updatedAt',
    input: (d) => ({ updatedAt: d, fullName: 'Dr. X' }),
  },
];

async function expectRefusedNaming(
  c: { path: string; type: 'query' | 'mutation'; as: Role; field: string },
  input: unknown,
) {
  const before = await snapshot();
  const result = await call(c.path, c.type, input, c.as);
  expect(result.status, result.text.slice(0, 400)).toBe(400);
  expect(result.code).toBe('BAD_REQUEST');
  expect(
    result.issues?.map((issue) => issue.path),
    result.text.slice(0, 400),
  ).toContain(c.field);
  expect(await snapshot(), 'a refused call writes nothing').toEqual(before);
}

describe('extreme dates are refused, naming the field', () => {
  for (const c of cases) {
    it(c.name, async () => {
      for (const [label, date] of EXTREME_YEARS) {
        await expect(expectRefusedNaming(c, c.input(date)), label).resolves.toBeUndefined();
      }
    });
  }

  it('patients.create dateOfBirth and medicalRecords.create followUpOn (calendar dates)', async () => {
    for (const value of EXTREME_CALENDAR_DATES) {
      await expectRefusedNaming(
        { path: 'patients.create', type: 'mutation', as: 'assistant', field: 'dateOfBirth' },
        { ownerId: fx.ownerId, name: 'Rex', species: 'Dog', dateOfBirth: value },
      );
      await expectRefusedNaming(
        { path: 'medicalRecords.create', type: 'mutation', as: 'vet', field: 'followUpOn' },
        { patientId: fx.patientId, reason: 'Check-up', followUpOn: value },
      );
    }
  });

  it('the range itself works: a range at its start is answered, a date inside it is stored', async () => {
    const list = await call(
      'appointments.list',
      'query',
      { from: new Date('1900-01-01T00:00:00Z'), to: new Date('1900-01-02T00:00:00Z') },
      'assistant',
    );
    expect(list.status, list.text).toBe(200);
    const created = await call(
      'patients.create',
      'mutation',
      { ownerId: fx.ownerId, name: 'Old Tom', species: 'Tortoise', dateOfBirth: '1900-01-01' },
      'assistant',
    );
    expect(created.status, created.text).toBe(200);
  });
});

describe('a date/time error left over still never gives a 500', () => {
  const input = { id: 'x', from: new Date('2020-01-01T00:00:00Z'), to: new Date(Number.NaN) };

  it.each([
    ['a JavaScript RangeError', new RangeError('Invalid time value')],
    [
      'SQLSTATE 22008 (datetime field overflow)',
      Object.assign(new Error('date/time field value out of range'), { code: '22008' }),
    ],
    [
      'SQLSTATE 22009 (invalid time zone displacement)',
      Object.assign(new Error('time zone displacement out of range'), { code: '22009' }),
    ],
    [
      'SQLSTATE 22007 (invalid datetime format)',
      Object.assign(new Error('invalid input syntax for type timestamp'), { code: '22007' }),
    ],
  ])('%s is BAD_REQUEST naming the date field', (_name, error) => {
    const mapped = toTRPCError(error, input);
    expect(mapped.code).toBe('BAD_REQUEST');
    expect(mapped.cause).toBeInstanceOf(ZodError);
    expect((mapped.cause as ZodError).issues.map((issue) => issue.path.join('.'))).toEqual(['to']);
    expect(mapped.message).not.toMatch(/timestamp|zone|time value/);
  });

  it("other RangeErrors stay internal errors (a real bug is not the caller's fault)", () => {
    expect(toTRPCError(new RangeError('Maximum call stack size exceeded'), input).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});
