/**
 * What responses carry: never a password hash (column name or argon2 string) nor a raw session token, from any
 * procedure, the audit timeline of staff accounts included; and assistants never receive clinical fields of a
 * medical record, while veterinarians (and admins) do.
 */
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/root';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import { createTestClient, type TestClient } from './support/client';
import { type CallResult, trpcCall } from './support/raw-trpc';

const PROCEDURES = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: 'query' | 'mutation' | 'subscription' } }
>;

/** The first half second of a subscription's event stream, as the browser's EventSource receives it. */
async function streamText(path: string, token: string | undefined) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 500);
  const response = await fetch(`${t.baseUrl}/trpc/${path}`, {
    headers: { accept: 'text/event-stream', ...(token ? { cookie: `vetflow_session=${token}` } : {}) },
    signal: abort.signal,
  });
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body!) text += decoder.decode(chunk as Uint8Array, { stream: true });
  } catch {
    // aborted: what arrived so far is the answer
  }
  clearTimeout(timer);
  return {
    status: response.status,
    text,
    ok: text.includes('event: connected') && !text.includes('serialized-error'),
  };
}

const STRONG_PASSWORD = 'lantern-orbit-meadow-4417';
const NEW_PASSWORD = 'copper-kettle-harbor-9051';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The clinical contents of the record, each unique so a response that carries one is easy to spot. */
const CLINICAL = {
  findings: 'Grade II systolic murmur, left apex',
  diagnosis: 'Mitral valve disease (stage B1)',
  treatment: 'Monitor; recheck echocardiogram',
  prescriptions: 'Pimobendan 0.25 mg/kg q12h',
  notes: 'Owner anxious about anaesthesia',
  weightKg: 31.45,
  temperatureC: 38.7,
};
const CLINICAL_KEYS = [
  'findings',
  'diagnosis',
  'treatment',
  'prescriptions',
  'notes',
  'weightKg',
  'temperatureC',
];
const SUMMARY_KEYS = [
  'amendsRecordId',
  'followUpOn',
  'id',
  'kind',
  'patientId',
  'reason',
  'veterinarianId',
  'veterinarianName',
  'visitedAt',
];

type Caller = 'admin' | 'vet' | 'assistant' | 'anonymous';

let t: TestApp;
const clients = {} as Record<Exclude<Caller, 'anonymous'>, TestClient>;
/** Every raw session token handed out in this file: none may ever appear in a response body. */
const issuedTokens = new Set<string>();
const fx = {
  ownerId: '',
  patientId: '',
  doomedPatientId: '',
  appointmentId: '',
  recordId: '',
  addendumId: '',
  staffId: '',
  slotBase: 0,
};
let slotIndex = 0;
const nextSlot = () => {
  const startsAt = new Date(fx.slotBase + slotIndex++ * HOUR);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
};

async function login(username: string, password = TEST_PASSWORD) {
  const client = createTestClient(t.baseUrl);
  await client.trpc.auth.login.mutate({ username, password });
  issuedTokens.add(client.cookie()!);
  return client;
}

/** Calls a procedure over HTTP as the tRPC client would, keeping the raw body text and any token it issues. */
async function rawCall(path: string, input: unknown, as: Caller | TestClient): Promise<CallResult> {
  const token =
    typeof as === 'string' ? (as === 'anonymous' ? undefined : clients[as].cookie()) : as.cookie();
  if (PROCEDURES[path]!._def.type === 'subscription') {
    const stream = await streamText(path, token);
    return { ...stream, headers: new Headers() };
  }
  const result = await trpcCall(t.baseUrl, path, input, { cookie: token });
  for (const line of result.headers.getSetCookie()) {
    const match = /^vetflow_session=([^;]+)/.exec(line);
    if (match) issuedTokens.add(match[1]!);
  }
  // Every answer is a JSON body: anything else fails here.
  JSON.parse(result.text);
  return result;
}

/** The body must carry no hash, no hash column and no session token. */
function expectNoSecrets(text: string, where: string) {
  expect(text, where).not.toMatch(/password_?hash/i);
  expect(text, where).not.toContain('$argon2');
  for (const token of issuedTokens)
    expect(text.includes(token), `${where} carries a raw session token`).toBe(false);
}

interface Exposure {
  as: Caller | (() => Promise<TestClient>);
  input: () => unknown;
  /** A refusal that still has a body worth checking (e.g. a stale edit's CONFLICT carrying the current row). */
  refusal?: boolean;
}

/** One call per procedure; mutations first so the reads (the audit timeline last) see what they wrote. */
const EXPOSURES: [string, Exposure][] = [
  [
    'auth.login',
    { as: 'anonymous', input: () => ({ username: 'exposure-staff', password: STRONG_PASSWORD }) },
  ],
  ['auth.logout', { as: () => login('assistant'), input: () => undefined }],
  [
    'auth.revokeSession',
    {
      as: 'admin',
      input: async () => {
        const other = await login('admin');
        const sessions = await other.trpc.auth.sessions.query();
        return { sessionId: sessions.find((s) => s.current)!.id };
      },
    },
  ],
  [
    'auth.changePassword',
    {
      as: () => login('exposure-pw', STRONG_PASSWORD),
      input: () => ({ currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }),
    },
  ],
  [
    'auth.updateProfile',
    {
      as: 'assistant',
      input: async () => ({
        updatedAt: (await clients.assistant.trpc.auth.profile.query()).updatedAt,
        fullName: 'Sam A. Assistant',
      }),
    },
  ],
  [
    'owners.create',
    { as: 'assistant', input: () => ({ firstName: 'Ola', lastName: 'Nordmann', phone: '+47 555 12 345' }) },
  ],
  [
    'owners.update',
    {
      as: 'assistant',
      input: async () => ({
        id: fx.ownerId,
        updatedAt: (await clients.admin.trpc.owners.get.query({ id: fx.ownerId })).updatedAt,
        address: '1 Harbour Road',
      }),
    },
  ],
  ['owners.setActive', { as: 'admin', input: () => ({ id: fx.ownerId, isActive: true }) }],
  [
    'patients.create',
    { as: 'assistant', input: () => ({ ownerId: fx.ownerId, name: 'Pixel', species: 'cat' }) },
  ],
  [
    'patients.update',
    {
      as: 'assistant',
      input: async () => ({
        id: fx.patientId,
        updatedAt: (await clients.admin.trpc.patients.get.query({ id: fx.patientId })).updatedAt,
        breed: 'Labrador',
      }),
    },
  ],
  ['patients.setActive', { as: 'admin', input: () => ({ id: fx.patientId, isActive: true }) }],
  ['patients.markDeceased', { as: 'vet', input: () => ({ id: fx.doomedPatientId }) }],
  [
    'appointments.create',
    {
      as: 'assistant',
      input: () => ({
        patientId: fx.patientId,
        veterinarianId: t.users.vet.id,
        ...nextSlot(),
        reason: 'Booster',
      }),
    },
  ],
  [
    'appointments.reschedule',
    {
      as: 'assistant',
      input: async () => ({
        id: fx.appointmentId,
        updatedAt: (await clients.admin.trpc.appointments.get.query({ id: fx.appointmentId })).updatedAt,
        ...nextSlot(),
      }),
    },
  ],
  [
    'appointments.setStatus',
    { as: 'assistant', input: () => ({ id: fx.appointmentId, status: 'confirmed' }) },
  ],
  ['appointments.cancel', { as: 'assistant', input: () => ({ id: fx.appointmentId, reason: 'Owner away' }) }],
  [
    'medicalRecords.create',
    { as: 'vet', input: () => ({ patientId: fx.patientId, reason: 'Recheck', ...CLINICAL }) },
  ],
  [
    'medicalRecords.amend',
    {
      as: 'vet',
      input: async () => {
        const record = await clients.vet.trpc.medicalRecords.get.query({ id: fx.recordId });
        return {
          id: fx.recordId,
          updatedAt: (record as { updatedAt: Date }).updatedAt,
          followUpOn: '2031-01-15',
        };
      },
    },
  ],
  [
    'medicalRecords.addAddendum',
    { as: 'vet', input: () => ({ recordId: fx.recordId, reason: 'Lab results' }) },
  ],
  [
    'users.create',
    {
      as: 'admin',
      input: () => ({
        username: 'exposure-new',
        email: 'exposure-new@clinic.test',
        fullName: 'Newly Hired',
        role: 'assistant',
        password: STRONG_PASSWORD,
      }),
    },
  ],
  [
    'users.update',
    {
      as: 'admin',
      // A stale version: the CONFLICT carries the current row, which must not carry the hash either.
      input: () => ({ id: fx.staffId, updatedAt: new Date('2020-01-01'), fullName: 'Stale Edit' }),
      refusal: true,
    },
  ],
  ['users.setActive', { as: 'admin', input: () => ({ id: fx.staffId, isActive: true }) }],
  ['users.resetPassword', { as: 'admin', input: () => ({ id: fx.staffId, newPassword: NEW_PASSWORD }) }],
  ['users.revokeSessions', { as: 'admin', input: () => ({ id: fx.staffId }) }],

  ['auth.me', { as: 'admin', input: () => undefined }],
  ['auth.sessions', { as: 'admin', input: () => undefined }],
  ['auth.expiry', { as: 'admin', input: () => undefined }],
  ['auth.staySignedIn', { as: 'admin', input: () => undefined }],
  ['auth.profile', { as: 'admin', input: () => undefined }],
  ['owners.list', { as: 'admin', input: () => ({ active: 'all', limit: 100 }) }],
  ['owners.get', { as: 'admin', input: () => ({ id: fx.ownerId }) }],
  ['patients.list', { as: 'admin', input: () => ({ active: 'all', limit: 100 }) }],
  ['patients.get', { as: 'admin', input: () => ({ id: fx.patientId }) }],
  [
    'appointments.list',
    {
      as: 'admin',
      input: () => ({
        from: new Date(fx.slotBase - 24 * HOUR),
        to: new Date(fx.slotBase + 14 * 24 * HOUR),
        includeCancelled: true,
      }),
    },
  ],
  ['appointments.get', { as: 'admin', input: () => ({ id: fx.appointmentId }) }],
  ['medicalRecords.listForPatient', { as: 'admin', input: () => ({ patientId: fx.patientId }) }],
  ['medicalRecords.get', { as: 'admin', input: () => ({ id: fx.recordId }) }],
  ['users.list', { as: 'admin', input: () => undefined }],
  ['users.veterinarians', { as: 'admin', input: () => undefined }],
  ['appointmentTypes.list', { as: 'assistant', input: () => ({ includeInactive: true }) }],
  ['appointmentTypes.create', { as: 'admin', input: () => ({ name: 'Exposure check', defaultMinutes: 30 }) }],
  [
    'appointmentTypes.update',
    {
      as: 'admin',
      input: async () => {
        const [type] = await clients.admin.trpc.appointmentTypes.list.query({});
        return { id: type!.id, updatedAt: type!.updatedAt, defaultMinutes: 25 };
      },
    },
  ],
  [
    'appointmentTypes.setActive',
    {
      as: 'admin',
      input: async () => {
        const [type] = await clients.admin.trpc.appointmentTypes.list.query({});
        return { id: type!.id, isActive: true };
      },
    },
  ],
  ['schedule.settings', { as: 'assistant', input: () => undefined }],
  [
    'schedule.updateSettings',
    {
      as: 'admin',
      input: async () => {
        const current = await clients.admin.trpc.schedule.settings.query();
        return {
          updatedAt: current.updatedAt,
          timeZone: current.chosenTimeZone,
          openingHours: current.openingHours,
        };
      },
    },
  ],
  // Lists staff by name: the hash must not come along.
  ['schedule.veterinarians', { as: 'assistant', input: () => undefined }],
  [
    'schedule.setWorkingDays',
    { as: 'admin', input: () => ({ veterinarianId: t.users.vet.id, workingDays: [1, 2, 3, 4, 5, 6, 7] }) },
  ],
  [
    'schedule.freeSlots',
    {
      as: 'vet',
      input: () => ({
        veterinarianId: t.users.vet.id,
        date: new Date(fx.slotBase).toISOString().slice(0, 10),
        minutes: 30,
      }),
    },
  ],
  [
    'audit.forRecord',
    { as: 'admin', input: () => ({ tableName: 'system_users', recordId: fx.staffId, limit: 100 }) },
  ],
  ['audit.list', { as: 'admin', input: () => ({ limit: 100 }) }],
  ['audit.exportCsv', { as: 'admin', input: () => ({ timeZone: 'UTC', tableName: 'system_users' }) }],
  ['audit.integrity', { as: 'admin', input: () => undefined }],
  ['live.changes', { as: 'assistant', input: () => undefined }],
  // The waiting-room board: pet names and states only.
  ['board.today', { as: 'assistant', input: () => undefined }],
];

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['admin', 'vet', 'assistant'] as const) {
    clients[key] = await t.signIn(key);
    issuedTokens.add(clients[key].cookie()!);
  }
  const { admin, vet } = clients;
  fx.ownerId = (
    await admin.trpc.owners.create.mutate({ firstName: 'Kari', lastName: 'Hansen', phone: '+47 555 00 111' })
  ).id;
  fx.patientId = (
    await admin.trpc.patients.create.mutate({ ownerId: fx.ownerId, name: 'Bamse', species: 'dog' })
  ).id;
  fx.doomedPatientId = (
    await admin.trpc.patients.create.mutate({ ownerId: fx.ownerId, name: 'Gammel', species: 'dog' })
  ).id;
  const start = new Date(t.clock.now().getTime() + 2 * 24 * HOUR);
  start.setUTCHours(8, 0, 0, 0);
  fx.slotBase = start.getTime();
  fx.appointmentId = (
    await admin.trpc.appointments.create.mutate({
      patientId: fx.patientId,
      veterinarianId: t.users.vet.id,
      ...nextSlot(),
      reason: 'Annual check',
    })
  ).id;
  const record = await vet.trpc.medicalRecords.create.mutate({
    patientId: fx.patientId,
    reason: 'Cough',
    followUpOn: '2030-06-01',
    ...CLINICAL,
  });
  fx.recordId = record.id;
  fx.addendumId = (
    await vet.trpc.medicalRecords.addAddendum.mutate({
      recordId: record.id,
      reason: 'Echo booked',
      diagnosis: 'Revised',
    })
  ).id;

  // Staff-account history in the audit log: creation, edits, a password reset, deactivation and back, sign-ins.
  const staff = (username: string) =>
    admin.trpc.users.create.mutate({
      username,
      email: `${username}@clinic.test`,
      fullName: username,
      role: 'assistant',
      password: STRONG_PASSWORD,
    });
  const created = await staff('exposure-staff');
  fx.staffId = created.id;
  await staff('exposure-pw');
  await admin.trpc.users.update.mutate({
    id: created.id,
    updatedAt: created.updatedAt,
    fullName: 'Exposure Staff',
  });
  await admin.trpc.users.resetPassword.mutate({ id: created.id, newPassword: 'fern-granite-violet-3382' });
  await admin.trpc.users.resetPassword.mutate({ id: created.id, newPassword: STRONG_PASSWORD });
  await login('exposure-staff', STRONG_PASSWORD);
  await admin.trpc.users.setActive.mutate({ id: created.id, isActive: false });
  await admin.trpc.users.setActive.mutate({ id: created.id, isActive: true });
  const failed = createTestClient(t.baseUrl);
  await expect(
    failed.trpc.auth.login.mutate({ username: 'exposure-staff', password: 'wrong-password-123' }),
  ).rejects.toThrow();
}, 120_000);

afterAll(() => t?.close());

describe('no response carries a password hash or a session token', () => {
  it('the table covers every procedure', () => {
    expect(EXPOSURES.map(([path]) => path).sort()).toEqual(Object.keys(PROCEDURES).sort());
  });

  it.each(EXPOSURES)('%s', async (path, exposure) => {
    const caller = typeof exposure.as === 'function' ? await exposure.as() : exposure.as;
    const result = await rawCall(path, await exposure.input(), caller);
    expect(result.ok, result.text.slice(0, 300)).toBe(!exposure.refusal);
    expect(result.status).toBeLessThan(500);
    expectNoSecrets(result.text, path);
  });

  it('the whole audit timeline, page by page, carries no hash', async () => {
    let cursor: string | null = null;
    let rows = 0;
    const staffChanges: { action: string; changedFields: string[] | null }[] = [];
    do {
      const page = await rawCall('audit.list', { limit: 100, cursor }, 'admin');
      expect(page.ok).toBe(true);
      expectNoSecrets(page.text, 'audit.list page');
      const data = page.data as {
        items: {
          tableName: string | null;
          recordId: string | null;
          action: string;
          changedFields: string[] | null;
        }[];
        nextCursor: string | null;
      };
      rows += data.items.length;
      staffChanges.push(
        ...data.items.filter((r) => r.tableName === 'system_users' && r.recordId === fx.staffId),
      );
      cursor = data.nextCursor;
    } while (cursor);
    const [{ count }] = (await queryRows<{ count: number }>(
      t.db,
      sql`select count(*)::int as count from audit_log`,
    )) as [{ count: number }];
    expect(rows).toBe(count);
    // The timeline did include the staff account's changes: a password reset is an update of password_changed_at.
    const actions = new Set(staffChanges.map((r) => r.action));
    for (const action of [
      'insert',
      'update',
      'password_changed',
      'login',
      'login_failed',
      'session_revoked',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(staffChanges.some((r) => r.changedFields?.includes('password_changed_at'))).toBe(true);
  });

  it('the audit trail of one staff account carries no hash', async () => {
    const result = await rawCall(
      'audit.forRecord',
      { tableName: 'system_users', recordId: fx.staffId, limit: 100 },
      'admin',
    );
    const data = result.data as { items: { oldValues: unknown; newValues: unknown }[] };
    expect(data.items.length).toBeGreaterThan(5);
    expect(data.items.some((r) => r.oldValues && r.newValues)).toBe(true);
    expectNoSecrets(result.text, 'audit.forRecord');
  });

  it('the database’s audit rows themselves hold no hash (the trigger redacts it)', async () => {
    const [row] = await queryRows<{ leaks: number }>(
      t.db,
      sql`select count(*)::int as leaks from audit_log
          where coalesce(old_values::text, '') || coalesce(new_values::text, '') ~* '(password_hash|\\$argon2)'`,
    );
    expect(row).toEqual({ leaks: 0 });
  });
});

describe('assistants see a summary of medical records, never the clinical fields', () => {
  const expectSummary = (record: Record<string, unknown>) => {
    expect(Object.keys(record).sort()).toEqual(SUMMARY_KEYS);
    expect(record.kind).toBe('summary');
    for (const key of CLINICAL_KEYS) expect(record).not.toHaveProperty(key);
  };
  const expectNoClinicalText = (text: string) => {
    for (const value of [
      CLINICAL.findings,
      CLINICAL.diagnosis,
      CLINICAL.treatment,
      CLINICAL.prescriptions,
      CLINICAL.notes,
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain('Revised');
  };

  it('listForPatient: summaries only', async () => {
    const result = await rawCall('medicalRecords.listForPatient', { patientId: fx.patientId }, 'assistant');
    const records = result.data as Record<string, unknown>[];
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) expectSummary(record);
    expect(records.find((r) => r.id === fx.addendumId)?.amendsRecordId).toBe(fx.recordId);
    expectNoClinicalText(result.text);
  });

  it('get: a summary only, for a record and for an addendum', async () => {
    for (const id of [fx.recordId, fx.addendumId]) {
      const result = await rawCall('medicalRecords.get', { id }, 'assistant');
      expect(result.ok).toBe(true);
      expectSummary(result.data as Record<string, unknown>);
      expectNoClinicalText(result.text);
    }
  });

  it('the summary keeps what the front desk needs: date, vet, reason, follow-up', async () => {
    const summary = await clients.assistant.trpc.medicalRecords.get.query({ id: fx.recordId });
    expect(summary).toMatchObject({
      kind: 'summary',
      id: fx.recordId,
      patientId: fx.patientId,
      veterinarianId: t.users.vet.id,
      veterinarianName: 'Dr. Vera Vet',
      reason: 'Cough',
      amendsRecordId: null,
    });
    expect(summary.visitedAt).toBeInstanceOf(Date);
    expect(typeof summary.followUpOn).toBe('string');
  });

  it.each(['vet', 'admin'] as const)('as %s: the clinical fields are there', async (who) => {
    const list = (await rawCall('medicalRecords.listForPatient', { patientId: fx.patientId }, who))
      .data as Record<string, unknown>[];
    const record = list.find((r) => r.id === fx.recordId)!;
    expect(record).toMatchObject({ kind: 'full', ...CLINICAL });
    const single = (await rawCall('medicalRecords.get', { id: fx.recordId }, who)).data as Record<
      string,
      unknown
    >;
    expect(single).toMatchObject({ kind: 'full', ...CLINICAL });
    expect(single.addenda).toContainEqual(expect.objectContaining({ id: fx.addendumId }));
  });

  it('other reads an assistant makes carry no clinical text either', async () => {
    for (const [path, input] of [
      ['patients.get', { id: fx.patientId }],
      ['owners.get', { id: fx.ownerId }],
      ['appointments.get', { id: fx.appointmentId }],
      ['patients.list', { active: 'all' }],
    ] as const) {
      const result = await rawCall(path, input, 'assistant');
      expect(result.ok, path).toBe(true);
      expectNoClinicalText(result.text);
    }
  });
});
