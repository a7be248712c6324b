/**
 * Bad input, router by router: wrong types, missing and unknown fields, oversized strings, malformed and unknown
 * ids, reversed ranges, invalid transitions, bad cursors, SQL-looking text. Every refusal is BAD_REQUEST,
 * NOT_FOUND or CONFLICT naming the field, never a 500, never SQL or a stack in the body — and changes nothing:
 * no row, no audit entry.
 */
import { TRPCError } from '@trpc/server';
import { queries, queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTRPCError } from '../src/trpc/errors';
import { appRouter } from '../src/trpc/root';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import type { TestClient } from './support/client';

const PROCEDURES = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: 'query' | 'mutation' } }
>;

type Role = 'admin' | 'vet' | 'vet2' | 'assistant';
type RefusalCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HUGE = 'x'.repeat(10_000);
const STRONG_PASSWORD = 'lantern-orbit-meadow-4417';
const MISSING_ID = '5b0c4f8e-2d7a-4c1e-9f3b-8a6d2e1c0b9a';
const INJECTION = "Robert'); DROP TABLE owners;--";

let t: TestApp;
const tokens = {} as Record<Role, string>;
const clients = {} as Record<Role, TestClient>;
const fx = {
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
function slot(offsetHours = 0) {
  const startsAt = new Date(fx.slotBase + (slotIndex++ * 2 + offsetHours) * HOUR);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
}

interface RawResult {
  status: number;
  text: string;
  ok: boolean;
  data?: unknown;
  code?: string;
  message?: string;
  issues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

/**
 * One call over HTTP the way the tRPC client sends it (superjson), but with any input at all and the raw body
 * kept for inspection. `body` replaces the serialized input (malformed JSON).
 */
async function rawCall(
  path: string,
  input: unknown,
  options: { as?: Role | null; body?: string; type?: 'query' | 'mutation' } = {},
): Promise<RawResult> {
  const type = options.type ?? PROCEDURES[path]?._def.type ?? 'query';
  const headers: Record<string, string> = { origin: t.baseUrl };
  const as = options.as === undefined ? 'admin' : options.as;
  if (as) headers.cookie = `vetflow_session=${tokens[as]}`;
  const serialized = JSON.stringify(superjson.serialize(input));
  const response =
    type === 'query'
      ? await fetch(
          `${t.baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(serialized)}`}`,
          {
            headers,
          },
        )
      : await fetch(`${t.baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: options.body ?? serialized,
        });
  const text = await response.text();
  let parsed: { result?: { data: unknown }; error?: Parameters<typeof superjson.deserialize>[0] };
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: response.status, text, ok: false };
  }
  if (parsed.error) {
    const error = superjson.deserialize(parsed.error) as {
      message: string;
      data?: { code?: string; issues?: RawResult['issues']; details?: Record<string, unknown> };
    };
    return {
      status: response.status,
      text,
      ok: false,
      code: error.data?.code,
      message: error.message,
      issues: error.data?.issues,
      details: error.data?.details,
    };
  }
  return {
    status: response.status,
    text,
    ok: true,
    data: parsed.result ? superjson.deserialize(parsed.result.data as never) : undefined,
  };
}

const AUDITED = ['owners', 'patients', 'appointments', 'medical_records', 'system_users'] as const;

/** Row counts and the newest version of every audited table, plus the audit log's size and newest id. */
async function snapshot() {
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
function expectNoLeak(text: string) {
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

interface Case {
  name: string;
  path: string;
  as?: Role;
  input: () => unknown;
  code: RefusalCode;
  /** The field the refusal must name: an issue's path for validation errors, else details.field or the message. */
  field?: string;
  message?: RegExp;
}

function expectNamesField(result: RawResult, field: string) {
  if (result.issues) {
    const paths = result.issues.map((issue) => issue.path);
    expect(
      paths.some((path) => path === field || path.startsWith(`${field}.`)),
      `issues ${JSON.stringify(paths)} should name ${field}`,
    ).toBe(true);
  } else {
    const named = result.details?.field === field || result.message?.includes(field);
    expect(named, `"${result.message}" (${JSON.stringify(result.details)}) should name ${field}`).toBe(true);
  }
}

async function expectRefused(c: Omit<Case, 'name'>) {
  const input = c.input();
  const before = await snapshot();
  const result = await rawCall(c.path, input, { as: c.as ?? 'admin' });
  const after = await snapshot();
  expect(result.status, result.text.slice(0, 500)).toBeLessThan(500);
  expect(result.ok, `expected a refusal, got ${result.text.slice(0, 300)}`).toBe(false);
  expect(result.code, result.message).toBe(c.code);
  if (c.field) expectNamesField(result, c.field);
  if (c.message) expect(result.message).toMatch(c.message);
  expectNoLeak(result.text);
  expect(after, 'a refused call changes no row and writes no audit entry').toEqual(before);
  return result;
}

const run = (cases: Case[]) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRefused(c);
  });
};

/** One case per string field: a 10,000-character value is refused, naming the field. */
function oversized(path: string, as: Role, base: () => Record<string, unknown>, fields: string[]): Case[] {
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
function badCursors(path: string, base: () => Record<string, unknown>, arity: number): Case[] {
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

function listLimits(path: string, base: () => Record<string, unknown>): Case[] {
  return [0, 101, 1.5, -1, '10', null].map((limit) => ({
    name: `limit: ${JSON.stringify(limit)}`,
    path,
    input: () => ({ ...base(), limit }),
    code: 'BAD_REQUEST',
    field: 'limit',
  }));
}

function malformedIds(path: string, as: Role, base: () => Record<string, unknown>, field = 'id'): Case[] {
  return ['not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '', 42].map((value) => ({
    name: `${field}: malformed ${JSON.stringify(value)}`,
    path,
    as,
    input: () => ({ ...base(), [field]: value }),
    code: 'BAD_REQUEST',
    field,
  }));
}

const ownerInput = () => ({ firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567' });
const patientInput = () => ({ ownerId: fx.ownerId, name: 'Rex', species: 'dog' });
const appointmentInput = () => ({
  patientId: fx.patientId,
  veterinarianId: t.users.vet.id,
  ...slot(),
  reason: 'Check-up',
});
const recordInput = () => ({ patientId: fx.patientId, reason: 'Visit' });
const userInput = () => ({
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
const seen = {
  owner: new Date(0),
  patient: new Date(0),
  appointment: new Date(0),
  record: new Date(0),
  user: new Date(0),
};
const STALE = new Date('2020-01-01T00:00:00Z');

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

describe('any procedure', () => {
  it('an unknown procedure is NOT_FOUND', async () => {
    const result = await rawCall('owners.drop', {}, { type: 'mutation' });
    expect(result.status).toBe(404);
    expect(result.code).toBe('NOT_FOUND');
    expectNoLeak(result.text);
  });

  it('a NUL character anywhere is BAD_REQUEST naming the field (PostgreSQL text cannot hold it)', async () => {
    const cases: [string, unknown, string][] = [
      ['owners.create', { ...ownerInput(), firstName: 'A\u0000B' }, 'firstName'],
      ['owners.list', { search: '\u0000' }, 'search'],
      [
        'patients.create',
        { ...patientInput(), allergies: [{ allergen: 'x\u0000', severity: 'mild' }] },
        'allergies.0.allergen',
      ],
      ['auth.login', { username: 'vet\u0000', password: 'whatever-password' }, 'username'],
    ];
    for (const [path, input, field] of cases) {
      const before = await snapshot();
      const result = await rawCall(path, input);
      expect(result.status, result.text).toBe(400);
      expect(result.code).toBe('BAD_REQUEST');
      expectNamesField(result, field);
      expectNoLeak(result.text);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('an unexpected failure is a 500 with a generic message, never the thrown message', () => {
    const thrown = new Error('Failed query: select password_hash from system_users\nparams: ');
    const mapped = toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: thrown }));
    expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).toBe('Something went wrong on our side');
    expect(toTRPCError(thrown).message).toBe('Something went wrong on our side');
  });

  it('a malformed JSON body is a 400, not a 500', async () => {
    const before = await snapshot();
    const result = await rawCall('owners.create', undefined, { body: '{"json": {"firstName": ' });
    expect(result.status).toBe(400);
    expect(['BAD_REQUEST', 'PARSE_ERROR']).toContain(result.code);
    expectNoLeak(result.text);
    expect(await snapshot()).toEqual(before);
  });

  it('an invalid Date (superjson-typed "not a date") is BAD_REQUEST naming the field', async () => {
    const serialized = JSON.stringify({
      json: { from: 'not a date', to: '2030-01-02T00:00:00.000Z' },
      meta: { values: { from: ['Date'], to: ['Date'] } },
    });
    const before = await snapshot();
    const response = await fetch(
      `${t.baseUrl}/trpc/appointments.list?input=${encodeURIComponent(serialized)}`,
      {
        headers: { cookie: `vetflow_session=${tokens.admin}` },
      },
    );
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text).error.json.data.issues.map((i: { path: string }) => i.path)).toContain('from');
    expectNoLeak(text);
    expect(await snapshot()).toEqual(before);
  });

  it('superjson meta that points at __proto__ is refused with a 400, not a 500', async () => {
    for (const meta of [
      { values: { '__proto__.polluted': ['Date'] } },
      { values: { 'constructor.prototype.polluted': ['Date'] } },
      { values: { firstName: ['custom', 'NoSuchType'] } },
      { values: 'not an object' },
    ]) {
      const before = await snapshot();
      const body = JSON.stringify({ json: { ...ownerInput(), polluted: '2020-01-01' }, meta });
      const result = await rawCall('owners.create', undefined, { body });
      expect(result.status, result.text.slice(0, 300)).toBe(400);
      expectNoLeak(result.text);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    }
  });

  it('a missing or null input is BAD_REQUEST', async () => {
    for (const path of [
      'owners.create',
      'owners.get',
      'patients.create',
      'appointments.list',
      'users.create',
    ]) {
      for (const input of [undefined, null, 'owners', 42, []]) {
        const result = await rawCall(path, input);
        expect(result.status, `${path} ${JSON.stringify(input)}`).toBe(400);
        expect(result.code).toBe('BAD_REQUEST');
        expectNoLeak(result.text);
      }
    }
  });
});

describe('cursors the server handed out', () => {
  it.each([
    ['owners.list', { active: 'all' }],
    ['patients.list', { active: 'all' }],
    ['audit.list', {}],
    ['audit.forRecord', { tableName: 'appointments', recordId: '' }],
  ] as const)('%s: page 2 follows page 1 (control for the bad cursors)', async (path, base) => {
    const input = path === 'audit.forRecord' ? { ...base, recordId: fx.completedAppointmentId } : base;
    const first = await rawCall(path, { ...input, limit: 1 });
    const page1 = first.data as { items: { id: unknown }[]; nextCursor: string | null };
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await rawCall(path, { ...input, limit: 1, cursor: page1.nextCursor });
    expect(second.ok, second.text.slice(0, 300)).toBe(true);
    const page2 = second.data as { items: { id: unknown }[] };
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]!.id).not.toEqual(page1.items[0]!.id);
  });
});

describe('auth', () => {
  run([
    {
      name: 'login: username missing',
      path: 'auth.login',
      input: () => ({ password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username blank',
      path: 'auth.login',
      input: () => ({ username: '   ', password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username a number',
      path: 'auth.login',
      input: () => ({ username: 42, password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username 10,000 characters',
      path: 'auth.login',
      input: () => ({ username: HUGE, password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: password 10,000 characters',
      path: 'auth.login',
      input: () => ({ username: 'vet', password: HUGE }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'login: unknown key',
      path: 'auth.login',
      input: () => ({ username: 'vet', password: 'x', remember: true }),
      code: 'BAD_REQUEST',
      message: /remember/,
    },
    {
      name: 'changePassword: new password too short',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: new password 10,000 characters',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: HUGE }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: current password 10,000 characters',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: HUGE, newPassword: STRONG_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'currentPassword',
    },
    {
      name: 'changePassword: wrong current password',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: 'not-my-password', newPassword: STRONG_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'currentPassword',
    },
    {
      name: 'changePassword: new password contains the username',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'assistant-forever-2024' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: missing newPassword',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'revokeSession: malformed id',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: 'abc' }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: SQL as id',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: "' OR 1=1 --" }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: 10,000 characters',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: HUGE }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: someone else’s or no session',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: 'f'.repeat(64) }),
      code: 'NOT_FOUND',
    },
  ]);
});

describe('owners', () => {
  describe('create', () => {
    run([
      ...oversized('owners.create', 'assistant', ownerInput, [
        'firstName',
        'lastName',
        'email',
        'phone',
        'address',
        'notes',
      ]),
      {
        name: 'phone missing',
        path: 'owners.create',
        input: () => ({ firstName: 'Ann', lastName: 'Lee' }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'firstName missing',
        path: 'owners.create',
        input: () => ({ lastName: 'Lee', phone: '+1 555 123 4567' }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'firstName blank',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), firstName: '   ' }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'firstName a number',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), firstName: 42 }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'lastName an object',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), lastName: { $ne: '' } }),
        code: 'BAD_REQUEST',
        field: 'lastName',
      },
      {
        name: 'email malformed',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), email: 'not-an-email' }),
        code: 'BAD_REQUEST',
        field: 'email',
      },
      {
        name: 'phone letters',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), phone: 'call me maybe' }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'phone SQL',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), phone: "1'; DROP TABLE owners;--" }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'unknown key isActive',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), isActive: false }),
        code: 'BAD_REQUEST',
        message: /isActive/,
      },
      {
        name: 'unknown key id',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), id: MISSING_ID }),
        code: 'BAD_REQUEST',
        message: /"id"/,
      },
    ]);
  });

  describe('get / update / setActive', () => {
    run([
      ...malformedIds('owners.get', 'assistant', () => ({})),
      {
        name: 'get: unknown id',
        path: 'owners.get',
        as: 'assistant',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
        message: /Owner/,
      },
      {
        name: 'get: id missing',
        path: 'owners.get',
        as: 'assistant',
        input: () => ({}),
        code: 'BAD_REQUEST',
        field: 'id',
      },
      {
        name: 'update: unknown id',
        path: 'owners.update',
        input: () => ({ id: MISSING_ID, updatedAt: seen.owner, notes: 'x' }),
        code: 'NOT_FOUND',
      },
      {
        name: 'update: stale version',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: STALE, notes: 'x' }),
        code: 'CONFLICT',
      },
      {
        name: 'update: version missing',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, notes: 'x' }),
        code: 'BAD_REQUEST',
        field: 'updatedAt',
      },
      {
        name: 'update: version as a string',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner.toISOString(), notes: 'x' }),
        code: 'BAD_REQUEST',
        field: 'updatedAt',
      },
      {
        name: 'update: firstName 10,000 characters',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, firstName: HUGE }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'update: phone null',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, phone: null }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'update: unknown key isActive',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, isActive: false }),
        code: 'BAD_REQUEST',
        message: /isActive/,
      },
      ...malformedIds('owners.update', 'admin', () => ({ updatedAt: seen.owner })),
      {
        name: 'setActive: isActive a string',
        path: 'owners.setActive',
        input: () => ({ id: fx.ownerId, isActive: 'no' }),
        code: 'BAD_REQUEST',
        field: 'isActive',
      },
      {
        name: 'setActive: unknown id',
        path: 'owners.setActive',
        input: () => ({ id: MISSING_ID, isActive: false }),
        code: 'NOT_FOUND',
      },
    ]);
  });

  describe('list', () => {
    run([
      ...listLimits('owners.list', () => ({})),
      ...badCursors('owners.list', () => ({}), 3),
      {
        name: 'search 10,000 characters',
        path: 'owners.list',
        input: () => ({ search: HUGE }),
        code: 'BAD_REQUEST',
        field: 'search',
      },
      {
        name: 'search a number',
        path: 'owners.list',
        input: () => ({ search: 7 }),
        code: 'BAD_REQUEST',
        field: 'search',
      },
      {
        name: 'active: unknown value',
        path: 'owners.list',
        input: () => ({ active: 'maybe' }),
        code: 'BAD_REQUEST',
        field: 'active',
      },
      {
        name: 'unknown key orderBy',
        path: 'owners.list',
        input: () => ({ orderBy: 'id; drop table owners' }),
        code: 'BAD_REQUEST',
        message: /orderBy/,
      },
    ]);
  });
});

describe('patients', () => {
  describe('create', () => {
    run([
      ...oversized('patients.create', 'assistant', patientInput, ['name', 'species', 'breed', 'microchipId']),
      {
        name: 'allergies[0].allergen: 10,000 characters',
        path: 'patients.create',
        input: () => ({ ...patientInput(), allergies: [{ allergen: HUGE, severity: 'mild' }] }),
        code: 'BAD_REQUEST',
        field: 'allergies.0.allergen',
      },
      {
        name: 'allergies[0].reaction: 10,000 characters',
        path: 'patients.create',
        input: () => ({
          ...patientInput(),
          allergies: [{ allergen: 'Penicillin', severity: 'mild', reaction: HUGE }],
        }),
        code: 'BAD_REQUEST',
        field: 'allergies.0.reaction',
      },
      {
        name: 'allergies[0].severity unknown',
        path: 'patients.create',
        input: () => ({ ...patientInput(), allergies: [{ allergen: 'Penicillin', severity: 'deadly' }] }),
        code: 'BAD_REQUEST',
        field: 'allergies.0.severity',
      },
      {
        name: 'allergies[0] unknown key',
        path: 'patients.create',
        input: () => ({
          ...patientInput(),
          allergies: [{ allergen: 'Penicillin', severity: 'mild', since: 2019 }],
        }),
        code: 'BAD_REQUEST',
        message: /since/,
      },
      {
        name: 'allergies: a string',
        path: 'patients.create',
        input: () => ({ ...patientInput(), allergies: 'peanuts' }),
        code: 'BAD_REQUEST',
        field: 'allergies',
      },
      {
        name: 'allergies: 31 entries',
        path: 'patients.create',
        input: () => ({
          ...patientInput(),
          allergies: Array.from({ length: 31 }, (_, i) => ({ allergen: `A${i}`, severity: 'mild' })),
        }),
        code: 'BAD_REQUEST',
        field: 'allergies',
      },
      {
        name: 'ownerId missing',
        path: 'patients.create',
        input: () => ({ name: 'Rex', species: 'dog' }),
        code: 'BAD_REQUEST',
        field: 'ownerId',
      },
      ...malformedIds('patients.create', 'assistant', patientInput, 'ownerId'),
      {
        name: 'ownerId unknown',
        path: 'patients.create',
        input: () => ({ ...patientInput(), ownerId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'ownerId',
      },
      {
        name: 'ownerId of an inactive owner',
        path: 'patients.create',
        input: () => ({ ...patientInput(), ownerId: fx.inactiveOwnerId }),
        code: 'BAD_REQUEST',
        field: 'ownerId',
      },
      {
        name: 'sex unknown value',
        path: 'patients.create',
        input: () => ({ ...patientInput(), sex: 'other' }),
        code: 'BAD_REQUEST',
        field: 'sex',
      },
      {
        name: 'neutered a string',
        path: 'patients.create',
        input: () => ({ ...patientInput(), neutered: 'no' }),
        code: 'BAD_REQUEST',
        field: 'neutered',
      },
      {
        name: 'weightKg a string',
        path: 'patients.create',
        input: () => ({ ...patientInput(), weightKg: '5' }),
        code: 'BAD_REQUEST',
        field: 'weightKg',
      },
      {
        name: 'weightKg zero',
        path: 'patients.create',
        input: () => ({ ...patientInput(), weightKg: 0 }),
        code: 'BAD_REQUEST',
        field: 'weightKg',
      },
      {
        name: 'weightKg negative',
        path: 'patients.create',
        input: () => ({ ...patientInput(), weightKg: -3 }),
        code: 'BAD_REQUEST',
        field: 'weightKg',
      },
      {
        name: 'weightKg huge',
        path: 'patients.create',
        input: () => ({ ...patientInput(), weightKg: 1e12 }),
        code: 'BAD_REQUEST',
        field: 'weightKg',
      },
      {
        name: 'weightKg three decimals',
        path: 'patients.create',
        input: () => ({ ...patientInput(), weightKg: 1.234 }),
        code: 'BAD_REQUEST',
        field: 'weightKg',
      },
      {
        name: 'dateOfBirth in the future',
        path: 'patients.create',
        input: () => ({ ...patientInput(), dateOfBirth: '2999-01-01' }),
        code: 'BAD_REQUEST',
        field: 'dateOfBirth',
      },
      {
        name: 'dateOfBirth not a date',
        path: 'patients.create',
        input: () => ({ ...patientInput(), dateOfBirth: 'last spring' }),
        code: 'BAD_REQUEST',
        field: 'dateOfBirth',
      },
      {
        name: 'dateOfBirth impossible',
        path: 'patients.create',
        input: () => ({ ...patientInput(), dateOfBirth: '2021-02-30' }),
        code: 'BAD_REQUEST',
        field: 'dateOfBirth',
      },
      {
        name: 'microchipId with symbols',
        path: 'patients.create',
        input: () => ({ ...patientInput(), microchipId: "12345'--6789" }),
        code: 'BAD_REQUEST',
        field: 'microchipId',
      },
      {
        name: 'microchipId already used',
        path: 'patients.create',
        input: () => ({ ...patientInput(), microchipId: '123456789012345' }),
        code: 'CONFLICT',
        field: 'microchipId',
      },
      {
        name: 'unknown key deceasedAt',
        path: 'patients.create',
        input: () => ({ ...patientInput(), deceasedAt: new Date() }),
        code: 'BAD_REQUEST',
        message: /deceasedAt/,
      },
    ]);
  });

  describe('get / update / setActive / markDeceased / list', () => {
    run([
      ...malformedIds('patients.get', 'assistant', () => ({})),
      {
        name: 'get: unknown id',
        path: 'patients.get',
        as: 'assistant',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
        message: /Patient/,
      },
      {
        name: 'update: unknown id',
        path: 'patients.update',
        input: () => ({ id: MISSING_ID, updatedAt: seen.patient, name: 'X' }),
        code: 'NOT_FOUND',
      },
      {
        name: 'update: stale version',
        path: 'patients.update',
        input: () => ({ id: fx.patientId, updatedAt: STALE, name: 'X' }),
        code: 'CONFLICT',
      },
      {
        name: 'update: unknown ownerId',
        path: 'patients.update',
        input: () => ({ id: fx.patientId, updatedAt: seen.patient, ownerId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'ownerId',
      },
      {
        name: 'update: name 10,000 characters',
        path: 'patients.update',
        input: () => ({ id: fx.patientId, updatedAt: seen.patient, name: HUGE }),
        code: 'BAD_REQUEST',
        field: 'name',
      },
      {
        name: 'update: unknown key isActive',
        path: 'patients.update',
        input: () => ({ id: fx.patientId, updatedAt: seen.patient, isActive: false }),
        code: 'BAD_REQUEST',
        message: /isActive/,
      },
      {
        name: 'setActive: unknown id',
        path: 'patients.setActive',
        input: () => ({ id: MISSING_ID, isActive: false }),
        code: 'NOT_FOUND',
      },
      {
        name: 'setActive: isActive missing',
        path: 'patients.setActive',
        input: () => ({ id: fx.patientId }),
        code: 'BAD_REQUEST',
        field: 'isActive',
      },
      {
        name: 'markDeceased: unknown id',
        path: 'patients.markDeceased',
        as: 'vet',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
      },
      {
        name: 'markDeceased: in the future',
        path: 'patients.markDeceased',
        as: 'vet',
        input: () => ({ id: fx.patientId, deceasedAt: new Date(Date.now() + 7 * 24 * HOUR) }),
        code: 'BAD_REQUEST',
        field: 'deceasedAt',
      },
      {
        name: 'markDeceased: date as a string',
        path: 'patients.markDeceased',
        as: 'vet',
        input: () => ({ id: fx.patientId, deceasedAt: '2024-01-01' }),
        code: 'BAD_REQUEST',
        field: 'deceasedAt',
      },
      {
        name: 'markDeceased: already deceased',
        path: 'patients.markDeceased',
        as: 'vet',
        input: () => ({ id: fx.deceasedPatientId }),
        code: 'CONFLICT',
        message: /already/,
      },
      ...listLimits('patients.list', () => ({})),
      ...badCursors('patients.list', () => ({}), 2),
      {
        name: 'list: ownerId malformed',
        path: 'patients.list',
        input: () => ({ ownerId: 'nope' }),
        code: 'BAD_REQUEST',
        field: 'ownerId',
      },
      {
        name: 'list: search 10,000 characters',
        path: 'patients.list',
        input: () => ({ search: HUGE }),
        code: 'BAD_REQUEST',
        field: 'search',
      },
    ]);
  });
});

describe('appointments', () => {
  const range = () => ({ from: new Date(fx.slotBase), to: new Date(fx.slotBase + 7 * 24 * HOUR) });
  describe('list', () => {
    run([
      {
        name: 'to before from',
        path: 'appointments.list',
        input: () => ({ from: range().to, to: range().from }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'to equal to from',
        path: 'appointments.list',
        input: () => ({ from: range().from, to: range().from }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'a range over 42 days',
        path: 'appointments.list',
        input: () => ({ from: range().from, to: new Date(fx.slotBase + 60 * 24 * HOUR) }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'from missing',
        path: 'appointments.list',
        input: () => ({ to: range().to }),
        code: 'BAD_REQUEST',
        field: 'from',
      },
      {
        name: 'from as a string',
        path: 'appointments.list',
        input: () => ({ ...range(), from: '2024-01-01' }),
        code: 'BAD_REQUEST',
        field: 'from',
      },
      {
        name: 'veterinarianId malformed',
        path: 'appointments.list',
        input: () => ({ ...range(), veterinarianId: '1 OR 1=1' }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'includeCancelled a string',
        path: 'appointments.list',
        input: () => ({ ...range(), includeCancelled: 'yes' }),
        code: 'BAD_REQUEST',
        field: 'includeCancelled',
      },
      {
        name: 'unknown key limit',
        path: 'appointments.list',
        input: () => ({ ...range(), limit: 1_000_000 }),
        code: 'BAD_REQUEST',
        message: /limit/,
      },
    ]);
  });

  describe('create', () => {
    run([
      ...oversized('appointments.create', 'assistant', appointmentInput, ['reason', 'notes']),
      {
        name: 'endsAt before startsAt',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), startsAt: s.endsAt, endsAt: s.startsAt };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'endsAt equal to startsAt',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), startsAt: s.startsAt, endsAt: s.startsAt };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'longer than 12 hours',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), ...s, endsAt: new Date(s.startsAt.getTime() + 13 * HOUR) };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'startsAt as a string',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), startsAt: '2030-01-01T09:00:00Z' }),
        code: 'BAD_REQUEST',
        field: 'startsAt',
      },
      {
        name: 'reason missing',
        path: 'appointments.create',
        input: () => {
          const { reason: _r, ...rest } = appointmentInput();
          return rest;
        },
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'priority unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), priority: 'asap' }),
        code: 'BAD_REQUEST',
        field: 'priority',
      },
      {
        name: 'unknown key status',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), status: 'completed' }),
        code: 'BAD_REQUEST',
        message: /status/,
      },
      ...malformedIds('appointments.create', 'assistant', appointmentInput, 'patientId'),
      ...malformedIds('appointments.create', 'assistant', appointmentInput, 'veterinarianId'),
      {
        name: 'patientId unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), patientId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'patientId',
      },
      {
        name: 'veterinarianId unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), veterinarianId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'veterinarianId of an assistant',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), veterinarianId: fx.assistantId }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'a deceased patient',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), patientId: fx.deceasedPatientId }),
        code: 'BAD_REQUEST',
        field: 'patientId',
      },
      {
        name: 'double booking the veterinarian',
        path: 'appointments.create',
        input: () => ({
          ...appointmentInput(),
          startsAt: new Date(fx.slotBase + 15 * MINUTE),
          endsAt: new Date(fx.slotBase + 45 * MINUTE),
        }),
        code: 'CONFLICT',
        field: 'startsAt',
      },
    ]);
  });

  describe('reschedule / setStatus / cancel / get', () => {
    run([
      {
        name: 'reschedule: unknown id',
        path: 'appointments.reschedule',
        input: () => ({ id: MISSING_ID, updatedAt: seen.appointment, ...slot() }),
        code: 'NOT_FOUND',
      },
      {
        name: 'reschedule: stale version',
        path: 'appointments.reschedule',
        input: () => ({ id: fx.appointmentId, updatedAt: STALE, ...slot() }),
        code: 'CONFLICT',
      },
      {
        name: 'reschedule: endsAt before startsAt',
        path: 'appointments.reschedule',
        input: () => {
          const s = slot();
          return {
            id: fx.appointmentId,
            updatedAt: seen.appointment,
            startsAt: s.endsAt,
            endsAt: s.startsAt,
          };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'reschedule: a completed appointment',
        path: 'appointments.reschedule',
        input: () => ({ id: fx.completedAppointmentId, updatedAt: new Date(), ...slot() }),
        code: 'CONFLICT',
        message: /completed/,
      },
      {
        name: 'reschedule: unknown key patientId',
        path: 'appointments.reschedule',
        input: () => ({
          id: fx.appointmentId,
          updatedAt: seen.appointment,
          ...slot(),
          patientId: fx.otherPatientId,
        }),
        code: 'BAD_REQUEST',
        message: /patientId/,
      },
      {
        name: 'setStatus: completed → scheduled',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.completedAppointmentId, status: 'scheduled' }),
        code: 'CONFLICT',
        message: /completed to scheduled/,
      },
      {
        name: 'setStatus: completed → in_progress',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.completedAppointmentId, status: 'in_progress' }),
        code: 'CONFLICT',
      },
      {
        name: 'setStatus: scheduled → completed (skipping steps)',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'completed' }),
        code: 'CONFLICT',
      },
      {
        name: 'setStatus: → cancelled (needs cancel)',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'cancelled' }),
        code: 'BAD_REQUEST',
        field: 'status',
      },
      {
        name: 'setStatus: unknown status',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'done' }),
        code: 'BAD_REQUEST',
        field: 'status',
      },
      {
        name: 'setStatus: unknown id',
        path: 'appointments.setStatus',
        input: () => ({ id: MISSING_ID, status: 'confirmed' }),
        code: 'NOT_FOUND',
      },
      {
        name: 'cancel: a completed appointment',
        path: 'appointments.cancel',
        input: () => ({ id: fx.completedAppointmentId, reason: 'Oops' }),
        code: 'CONFLICT',
      },
      {
        name: 'cancel: reason missing',
        path: 'appointments.cancel',
        input: () => ({ id: fx.appointmentId }),
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'cancel: reason 10,000 characters',
        path: 'appointments.cancel',
        input: () => ({ id: fx.appointmentId, reason: HUGE }),
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'cancel: unknown id',
        path: 'appointments.cancel',
        input: () => ({ id: MISSING_ID, reason: 'x' }),
        code: 'NOT_FOUND',
      },
      ...malformedIds('appointments.get', 'assistant', () => ({})),
      {
        name: 'get: unknown id',
        path: 'appointments.get',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
      },
    ]);
  });
});

describe('medicalRecords', () => {
  run([
    ...oversized('medicalRecords.create', 'vet', recordInput, [
      'reason',
      'findings',
      'diagnosis',
      'treatment',
      'prescriptions',
      'notes',
    ]),
    {
      name: 'create: reason missing',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ patientId: fx.patientId }),
      code: 'BAD_REQUEST',
      field: 'reason',
    },
    {
      name: 'create: patientId unknown',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), patientId: MISSING_ID }),
      code: 'BAD_REQUEST',
      field: 'patientId',
    },
    ...malformedIds('medicalRecords.create', 'vet', recordInput, 'patientId'),
    {
      name: 'create: appointmentId unknown',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), appointmentId: MISSING_ID }),
      code: 'BAD_REQUEST',
      field: 'appointmentId',
    },
    {
      name: 'create: appointmentId of another patient',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), appointmentId: fx.otherPatientAppointmentId }),
      code: 'BAD_REQUEST',
      field: 'appointmentId',
    },
    {
      name: 'create: temperatureC 60',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), temperatureC: 60 }),
      code: 'BAD_REQUEST',
      field: 'temperatureC',
    },
    {
      name: 'create: temperatureC a string',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), temperatureC: '38.5' }),
      code: 'BAD_REQUEST',
      field: 'temperatureC',
    },
    {
      name: 'create: weightKg zero',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), weightKg: 0 }),
      code: 'BAD_REQUEST',
      field: 'weightKg',
    },
    {
      name: 'create: followUpOn not a date',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), followUpOn: 'in two weeks' }),
      code: 'BAD_REQUEST',
      field: 'followUpOn',
    },
    {
      name: 'create: visitedAt in the future',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), visitedAt: new Date(Date.now() + 24 * HOUR) }),
      code: 'BAD_REQUEST',
      field: 'visitedAt',
    },
    {
      name: 'create: unknown key veterinarianId',
      path: 'medicalRecords.create',
      as: 'vet',
      input: () => ({ ...recordInput(), veterinarianId: t.users.vet2.id }),
      code: 'BAD_REQUEST',
      message: /veterinarianId/,
    },
    {
      name: 'amend: unknown id',
      path: 'medicalRecords.amend',
      as: 'vet',
      input: () => ({ id: MISSING_ID, updatedAt: seen.record, notes: 'x' }),
      code: 'NOT_FOUND',
    },
    {
      name: 'amend: stale version',
      path: 'medicalRecords.amend',
      as: 'vet',
      input: () => ({ id: fx.recordId, updatedAt: STALE, notes: 'x' }),
      code: 'CONFLICT',
    },
    {
      name: 'amend: notes 10,000 characters',
      path: 'medicalRecords.amend',
      as: 'vet',
      input: () => ({ id: fx.recordId, updatedAt: seen.record, notes: HUGE }),
      code: 'BAD_REQUEST',
      field: 'notes',
    },
    {
      name: 'amend: unknown key patientId',
      path: 'medicalRecords.amend',
      as: 'vet',
      input: () => ({ id: fx.recordId, updatedAt: seen.record, patientId: fx.otherPatientId }),
      code: 'BAD_REQUEST',
      message: /patientId/,
    },
    {
      name: 'addAddendum: unknown recordId',
      path: 'medicalRecords.addAddendum',
      as: 'vet',
      input: () => ({ recordId: MISSING_ID, reason: 'x' }),
      code: 'NOT_FOUND',
    },
    {
      name: 'addAddendum: reason missing',
      path: 'medicalRecords.addAddendum',
      as: 'vet',
      input: () => ({ recordId: fx.recordId }),
      code: 'BAD_REQUEST',
      field: 'reason',
    },
    {
      name: 'listForPatient: unknown patient',
      path: 'medicalRecords.listForPatient',
      as: 'vet',
      input: () => ({ patientId: MISSING_ID }),
      code: 'NOT_FOUND',
    },
    ...malformedIds('medicalRecords.listForPatient', 'vet', () => ({}), 'patientId'),
    {
      name: 'get: unknown id',
      path: 'medicalRecords.get',
      as: 'assistant',
      input: () => ({ id: MISSING_ID }),
      code: 'NOT_FOUND',
    },
  ]);
});

describe('users', () => {
  run([
    ...oversized('users.create', 'admin', userInput, ['username', 'email', 'fullName', 'password']),
    {
      name: 'create: username too short',
      path: 'users.create',
      input: () => ({ ...userInput(), username: 'ab' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'create: username SQL',
      path: 'users.create',
      input: () => ({ ...userInput(), username: INJECTION }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'create: role unknown',
      path: 'users.create',
      input: () => ({ ...userInput(), role: 'superuser' }),
      code: 'BAD_REQUEST',
      field: 'role',
    },
    {
      name: 'create: password too short',
      path: 'users.create',
      input: () => ({ ...userInput(), password: 'short' }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'create: password contains the username',
      path: 'users.create',
      input: () => ({ ...userInput(), password: 'new-hire-password-1' }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'create: username taken',
      path: 'users.create',
      input: () => ({ ...userInput(), username: 'vet' }),
      code: 'CONFLICT',
      field: 'username',
    },
    {
      name: 'create: email taken',
      path: 'users.create',
      input: () => ({ ...userInput(), email: 'vet@clinic.test' }),
      code: 'CONFLICT',
      field: 'email',
    },
    {
      name: 'create: unknown key passwordHash',
      path: 'users.create',
      input: () => ({ ...userInput(), passwordHash: '$argon2id$v=19$...' }),
      code: 'BAD_REQUEST',
      message: /passwordHash/,
    },
    {
      name: 'update: unknown id',
      path: 'users.update',
      input: () => ({ id: MISSING_ID, updatedAt: seen.user, fullName: 'X' }),
      code: 'NOT_FOUND',
    },
    {
      name: 'update: stale version',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: STALE, fullName: 'X' }),
      code: 'CONFLICT',
    },
    {
      name: 'update: own role',
      path: 'users.update',
      input: () => ({ id: t.users.admin.id, updatedAt: new Date(), role: 'assistant' }),
      code: 'BAD_REQUEST',
      field: 'role',
    },
    {
      name: 'update: email malformed',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: seen.user, email: 'nope' }),
      code: 'BAD_REQUEST',
      field: 'email',
    },
    {
      name: 'update: unknown key isActive',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: seen.user, isActive: false }),
      code: 'BAD_REQUEST',
      message: /isActive/,
    },
    {
      name: 'setActive: deactivating oneself',
      path: 'users.setActive',
      input: () => ({ id: t.users.admin.id, isActive: false }),
      code: 'BAD_REQUEST',
      field: 'isActive',
    },
    {
      name: 'setActive: unknown id',
      path: 'users.setActive',
      input: () => ({ id: MISSING_ID, isActive: false }),
      code: 'NOT_FOUND',
    },
    {
      name: 'resetPassword: unknown id',
      path: 'users.resetPassword',
      input: () => ({ id: MISSING_ID, newPassword: STRONG_PASSWORD }),
      code: 'NOT_FOUND',
    },
    {
      name: 'resetPassword: too short',
      path: 'users.resetPassword',
      input: () => ({ id: fx.assistantId, newPassword: 'short' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'resetPassword: contains the username',
      path: 'users.resetPassword',
      input: () => ({ id: fx.assistantId, newPassword: 'assistant-again-and-again' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'revokeSessions: unknown id',
      path: 'users.revokeSessions',
      input: () => ({ id: MISSING_ID }),
      code: 'NOT_FOUND',
    },
    ...malformedIds('users.revokeSessions', 'admin', () => ({})),
  ]);
});

describe('audit', () => {
  run([
    {
      name: 'list: to before from',
      path: 'audit.list',
      input: () => ({ from: new Date('2030-01-02'), to: new Date('2030-01-01') }),
      code: 'BAD_REQUEST',
      field: 'to',
    },
    {
      name: 'list: tableName not audited',
      path: 'audit.list',
      input: () => ({ tableName: 'sessions' }),
      code: 'BAD_REQUEST',
      field: 'tableName',
    },
    {
      name: 'list: action unknown',
      path: 'audit.list',
      input: () => ({ action: 'drop' }),
      code: 'BAD_REQUEST',
      field: 'action',
    },
    {
      name: 'list: userId malformed',
      path: 'audit.list',
      input: () => ({ userId: "' OR ''='" }),
      code: 'BAD_REQUEST',
      field: 'userId',
    },
    ...listLimits('audit.list', () => ({})),
    ...badCursors('audit.list', () => ({}), 1),
    {
      name: 'forRecord: recordId missing',
      path: 'audit.forRecord',
      input: () => ({ tableName: 'owners' }),
      code: 'BAD_REQUEST',
      field: 'recordId',
    },
    {
      name: 'forRecord: tableName SQL',
      path: 'audit.forRecord',
      input: () => ({ tableName: 'owners; drop table audit_log', recordId: fx.ownerId }),
      code: 'BAD_REQUEST',
      field: 'tableName',
    },
    ...badCursors('audit.forRecord', () => ({ tableName: 'owners', recordId: fx.ownerId }), 1),
  ]);
});

describe('SQL-looking text is data, never SQL', () => {
  const tablesExist = async () => {
    const [row] = await queryRows<{ owners: string | null; audit: string | null }>(
      t.db,
      sql`select to_regclass('public.owners')::text as owners, to_regclass('public.audit_log')::text as audit`,
    );
    expect(row).toEqual({ owners: 'owners', audit: 'audit_log' });
  };

  it('owner names and notes are stored literally', async () => {
    const input = {
      firstName: INJECTION,
      lastName: "x' OR '1'='1",
      phone: '+1 555 987 6543',
      address: '1; SELECT pg_sleep(10); --',
      notes: "'; DELETE FROM audit_log; -- \\ % _ $1 $$ \u00e9",
    };
    const before = await snapshot();
    const created = await clients.assistant.trpc.owners.create.mutate(input);
    const stored = await clients.assistant.trpc.owners.get.query({ id: created.id });
    expect(stored).toMatchObject(input);
    const after = await snapshot();
    expect(after!.owners_rows).toBe((before!.owners_rows as number) + 1);
    expect(after!.audit_rows).toBe((before!.audit_rows as number) + 1);
    await tablesExist();
  });

  it('a search is matched literally (quotes, wildcards)', async () => {
    const before = await snapshot();
    const { trpc } = clients.assistant;
    for (const search of ["'; DROP TABLE owners;--", "' OR 1=1 --", '%', '_', '\\', '%%%%']) {
      const owners = await trpc.owners.list.query({ search, active: 'all' });
      for (const owner of owners.items) {
        const text = `${owner.firstName} ${owner.lastName} ${owner.email ?? ''} ${owner.phone}`.toLowerCase();
        for (const word of search.toLowerCase().split(/\s+/).filter(Boolean)) expect(text).toContain(word);
      }
      const patients = await trpc.patients.list.query({ search, active: 'all' });
      expect(patients.items.length).toBeLessThanOrEqual(1);
    }
    // The owner created above carries the quote: searching for it finds that row, and only rows containing it.
    const found = await trpc.owners.list.query({ search: "Robert');" });
    expect(found.items.map((o) => o.firstName)).toEqual([INJECTION]);
    expect(await snapshot()).toEqual(before);
    await tablesExist();
  });

  it('an appointment reason and a record’s notes are stored literally', async () => {
    const appointment = await clients.assistant.trpc.appointments.create.mutate({
      ...appointmentInput(),
      reason: INJECTION,
    });
    expect((await clients.assistant.trpc.appointments.get.query({ id: appointment.id })).reason).toBe(
      INJECTION,
    );
    const record = await clients.vet.trpc.medicalRecords.create.mutate({
      ...recordInput(),
      notes: "'); UPDATE medical_records SET diagnosis = 'pwned'; --",
    });
    const read = await clients.vet.trpc.medicalRecords.get.query({ id: record.id });
    expect(read).toMatchObject({
      kind: 'full',
      notes: "'); UPDATE medical_records SET diagnosis = 'pwned'; --",
    });
    await tablesExist();
  });
});

/** No lone surrogate (String.prototype.isWellFormed, which the TS lib here does not declare). */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('properties', () => {
  // Any text at all (controls, NUL, astral and lone-surrogate code units) for the names.
  const anyText = fc.string({ unit: 'binary', maxLength: 160 });

  it('owners.create never answers 500, whatever the names; a refusal names the field and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (firstName, lastName) => {
        const before = await snapshot();
        const result = await rawCall(
          'owners.create',
          { firstName, lastName, phone: '+1 555 123 4567' },
          { as: 'assistant' },
        );
        expect(result.status, result.text.slice(0, 300)).toBeLessThan(500);
        expectNoLeak(result.ok ? '' : result.text);
        if (result.ok) {
          // Stored as sent (trimmed). A lone surrogate cannot be encoded as UTF-8 and arrives as U+FFFD.
          const row = result.data as { firstName: string; lastName: string };
          if (wellFormed(firstName)) expect(row.firstName).toBe(firstName.trim());
          if (wellFormed(lastName)) expect(row.lastName).toBe(lastName.trim());
        } else {
          expect(result.code).toBe('BAD_REQUEST');
          const paths = (result.issues ?? []).map((i) => i.path);
          const field = result.details?.field;
          expect(
            paths.some((p) => p === 'firstName' || p === 'lastName') ||
              field === 'firstName' ||
              field === 'lastName',
            `${result.message} ${JSON.stringify(result.details)}`,
          ).toBe(true);
          expect(await snapshot()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('owners.list and patients.list never answer 500, whatever the search', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (search) => {
        for (const path of ['owners.list', 'patients.list']) {
          const result = await rawCall(path, { search }, { as: 'assistant' });
          expect(result.status, result.text.slice(0, 300)).toBeLessThan(500);
          if (!result.ok) {
            expect(result.code).toBe('BAD_REQUEST');
            expectNoLeak(result.text);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('owners.create never answers 500 for arbitrary JSON input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (input) => {
        const before = await snapshot();
        // Sent as superjson would send plain JSON ({ json }), also where the client would refuse (`prototype` keys).
        const body = JSON.stringify({ json: input });
        const result = await rawCall('owners.create', undefined, { as: 'assistant', body });
        expect(result.status, result.text.slice(0, 300)).toBe(400);
        expect(result.code).toBe('BAD_REQUEST');
        expectNoLeak(result.text);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
