/**
 * The harness for the bad-input tables (test/<domain>/bad-input.test.ts): fixtures, the snapshot of the audited
 * tables, and the runner that checks each refusal keeps the refusal contract, is BAD_REQUEST, NOT_FOUND or CONFLICT
 * naming the field as an issue, never a 500, never SQL or a stack in the body, and changes nothing: no row, no audit
 * entry.
 */
import { queries, queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app';
import type { TestClient } from './client';
import { type CallResult, trpcCall } from './raw-trpc';
import { parseRefusal } from './refusal';

export type Role = 'admin' | 'vet' | 'vet2' | 'assistant';
type RefusalCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const HUGE = 'x'.repeat(10_000);
export const STRONG_PASSWORD = 'lantern-orbit-meadow-4417';
export const MISSING_ID = '5b0c4f8e-2d7a-4c1e-9f3b-8a6d2e1c0b9a';
export const INJECTION = "Robert'); DROP TABLE owners;--";

export let t: TestApp;
const tokens = {} as Record<Role, string>;
export const clients = {} as Record<Role, TestClient>;
export const fx = {
  ownerId: '',
  inactiveOwnerId: '',
  patientId: '',
  otherPatientId: '',
  deceasedPatientId: '',
  appointmentId: '',
  completedAppointmentId: '',
  otherPatientAppointmentId: '',
  recordId: '',
  assistantId: '',
  slotBase: 0,
};
let slotIndex = 0;

/** A fresh two-hour-spaced half-hour slot for the veterinarian `vet`. */
export function slot(offsetHours = 0) {
  const startsAt = new Date(fx.slotBase + (slotIndex++ * 2 + offsetHours) * HOUR);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
}

/**
 * One call over HTTP as `as` (admin by default, nobody with null), through the shared helper. `body` replaces the
 * serialized input (malformed JSON).
 */
export function rawCall(
  path: string,
  input: unknown,
  options: { as?: Role | null; body?: string; type?: 'query' | 'mutation' } = {},
): Promise<CallResult> {
  const as = options.as === undefined ? 'admin' : options.as;
  return trpcCall(t.baseUrl, path, input, {
    cookie: as ? tokens[as] : undefined,
    ...(options.type ? { type: options.type } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

const AUDITED = ['owners', 'patients', 'appointments', 'medical_records', 'system_users'] as const;

/** Row counts and the newest version of every audited table, plus the audit log's size and newest id. */
export async function snapshot() {
  const parts = AUDITED.map(
    (table) =>
      sql`(select count(*)::int from ${sql.identifier(table)}) as ${sql.identifier(`${table}_rows`)},
          (select max(updated_at)::text from ${sql.identifier(table)}) as ${sql.identifier(`${table}_version`)}`,
  );
  const [row] = await queryRows(
    t.db,
    sql`select ${sql.join(parts, sql`, `)},
      (select count(*)::int from audit_log) as audit_rows,
      (select max(id)::text from audit_log) as audit_last`,
  );
  return row;
}

/** What an error body must never carry: SQL, stack frames, file paths. */
export function expectNoLeak(text: string) {
  const lower = text.toLowerCase();
  for (const needle of [
    'select ',
    'insert into',
    'update ',
    'delete from',
    'stack',
    'at /',
    'node_modules',
  ]) {
    expect(lower, `response body leaks "${needle}": ${text.slice(0, 300)}`).not.toContain(needle);
  }
  expect(text).not.toMatch(/\/(work|home|root|usr|tmp|app|src)\/[\w./-]+/);
  expect(text).not.toMatch(/\.(ts|js|mjs):\d+/);
}

export interface Case {
  name: string;
  path: string;
  as?: Role;
  input: () => unknown;
  code: RefusalCode;
  /** The field the refusal must name: an issue's path (validation and domain refusals alike). */
  field?: string;
  message?: RegExp;
}

/** The refusal keeps the contract and names `field` (or a path inside it) as an issue. */
export function expectNamesField(result: CallResult, field: string) {
  const { issues } = parseRefusal(result.refusal);
  const paths = issues.map((issue) => issue.path);
  expect(
    paths.some((path) => path === field || path.startsWith(`${field}.`)),
    `issues ${JSON.stringify(paths)} should name ${field}`,
  ).toBe(true);
}

async function expectRefused(c: Omit<Case, 'name'>) {
  const input = c.input();
  const before = await snapshot();
  const result = await rawCall(c.path, input, { as: c.as ?? 'admin' });
  const after = await snapshot();
  expect(result.status, result.text.slice(0, 500)).toBeLessThan(500);
  expect(result.ok, `expected a refusal, got ${result.text.slice(0, 300)}`).toBe(false);
  expect(result.code, result.message).toBe(c.code);
  parseRefusal(result.refusal);
  if (c.field) expectNamesField(result, c.field);
  if (c.message) expect(result.message).toMatch(c.message);
  expectNoLeak(result.text);
  expect(after, 'a refused call changes no row and writes no audit entry').toEqual(before);
  return result;
}

export const run = (cases: Case[]) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRefused(c);
  });
};

/** One case per string field: a 10,000-character value is refused, naming the field. */
export function oversized(
  path: string,
  as: Role,
  base: () => Record<string, unknown>,
  fields: string[],
): Case[] {
  return fields.map((field) => ({
    name: `${field}: 10,000 characters`,
    path,
    as,
    input: () => ({ ...base(), [field]: HUGE }),
    code: 'BAD_REQUEST',
    field,
  }));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors that no page ever handed out. */
export function badCursors(path: string, base: () => Record<string, unknown>, arity: number): Case[] {
  const cursors: [string, string][] = [
    ['not base64 JSON', 'this is not a cursor'],
    ['JSON but not an array', b64({ lastName: 'Lee' })],
    ['wrong arity', b64(Array.from({ length: arity + 1 }, () => 'a'))],
    ['values of the wrong type', b64(Array.from({ length: arity }, () => ({ nested: true })))],
    ['nulls', b64(Array.from({ length: arity }, () => null))],
    ['SQL in the values', b64(Array.from({ length: arity }, () => "x') OR 1=1 --"))],
    ['over 200 characters', 'a'.repeat(201)],
  ];
  return cursors.map(([what, cursor]) => ({
    name: `cursor: ${what}`,
    path,
    input: () => ({ ...base(), cursor }),
    code: 'BAD_REQUEST',
    field: 'cursor',
  }));
}

export function listLimits(path: string, base: () => Record<string, unknown>): Case[] {
  return [0, 101, 1.5, -1, '10', null].map((limit) => ({
    name: `limit: ${JSON.stringify(limit)}`,
    path,
    input: () => ({ ...base(), limit }),
    code: 'BAD_REQUEST',
    field: 'limit',
  }));
}

export function malformedIds(
  path: string,
  as: Role,
  base: () => Record<string, unknown>,
  field = 'id',
): Case[] {
  return ['not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '', 42].map((value) => ({
    name: `${field}: malformed ${JSON.stringify(value)}`,
    path,
    as,
    input: () => ({ ...base(), [field]: value }),
    code: 'BAD_REQUEST',
    field,
  }));
}

export const ownerInput = () => ({ firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567' });
export const patientInput = () => ({ ownerId: fx.ownerId, name: 'Rex', species: 'dog' });
export const appointmentInput = () => ({
  patientId: fx.patientId,
  veterinarianId: t.users.vet.id,
  ...slot(),
  reason: 'Check-up',
});
export const recordInput = () => ({ patientId: fx.patientId, reason: 'Visit' });
export const userInput = () => ({
  username: 'new-hire',
  email: 'new-hire@clinic.test',
  fullName: 'New Hire',
  role: 'assistant',
  password: STRONG_PASSWORD,
});
const version = {
  owner: async () => (await queries.getOwner(t.db, fx.ownerId))!.updatedAt,
  patient: async () => (await queries.getPatientRow(t.db, fx.patientId))!.updatedAt,
  appointment: async () => (await queries.getAppointmentRow(t.db, fx.appointmentId))!.updatedAt,
  record: async () => (await queries.getRecordRow(t.db, fx.recordId))!.updatedAt,
  user: async () => (await queries.getUser(t.db, fx.assistantId))!.updatedAt,
};
/** Versions read in beforeAll (inputs are built synchronously). */
export const seen = {
  owner: new Date(0),
  patient: new Date(0),
  appointment: new Date(0),
  record: new Date(0),
  user: new Date(0),
};
export const STALE = new Date('2020-01-01T00:00:00Z');

/**
 * Starts the app for one test file: the four roles signed in and the fixtures every table of refusals refers to
 * (an active and an inactive owner, patients alive and deceased, appointments booked and completed, a record).
 */
export function useBadInputApp() {
  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'vet', 'vet2', 'assistant'] as const) {
      clients[role] = await t.signIn(role);
      tokens[role] = clients[role].cookie()!;
    }
    const { admin, vet } = clients;
    fx.assistantId = t.users.assistant.id;
    fx.ownerId = (await admin.trpc.owners.create.mutate(ownerInput())).id;
    const inactive = await admin.trpc.owners.create.mutate({ ...ownerInput(), firstName: 'Gone' });
    await admin.trpc.owners.setActive.mutate({ id: inactive.id, isActive: false });
    fx.inactiveOwnerId = inactive.id;
    fx.patientId = (
      await admin.trpc.patients.create.mutate({ ...patientInput(), microchipId: '123456789012345' })
    ).id;
    fx.otherPatientId = (await admin.trpc.patients.create.mutate({ ...patientInput(), name: 'Other' })).id;
    fx.deceasedPatientId = (await admin.trpc.patients.create.mutate({ ...patientInput(), name: 'Late' })).id;
    await vet.trpc.patients.markDeceased.mutate({ id: fx.deceasedPatientId });

    const start = new Date(t.clock.now().getTime() + 2 * 24 * HOUR);
    start.setUTCHours(8, 0, 0, 0);
    fx.slotBase = start.getTime();
    fx.appointmentId = (await admin.trpc.appointments.create.mutate(appointmentInput())).id;
    const done = await admin.trpc.appointments.create.mutate(appointmentInput());
    for (const status of ['checked_in', 'in_progress', 'completed'] as const) {
      await admin.trpc.appointments.setStatus.mutate({ id: done.id, status });
    }
    fx.completedAppointmentId = done.id;
    fx.otherPatientAppointmentId = (
      await admin.trpc.appointments.create.mutate({ ...appointmentInput(), patientId: fx.otherPatientId })
    ).id;
    fx.recordId = (await vet.trpc.medicalRecords.create.mutate(recordInput())).id;

    seen.owner = await version.owner();
    seen.patient = await version.patient();
    seen.appointment = await version.appointment();
    seen.record = await version.record();
    seen.user = await version.user();
  }, 120_000);

  afterAll(() => t?.close());
}
