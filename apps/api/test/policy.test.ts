/**
 * The role matrix (ARCHITECTURE.md §Roles): every procedure of appRouter × every kind of caller, over real
 * HTTP, compared with the access each procedure declares (derived from the router by accessMatrix), and that
 * derived matrix pinned to the design's table below.
 */
import { TRPCClientError } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { currentDatabaseRoles, type DatabaseRole, queries } from '@vetflow/db';
import type { UserRole } from '@vetflow/schema/values';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/auth/sessions';
import { loadConfig } from '../src/config';
import { type Access, accessMatrix, allows, type ProcedureMeta } from '../src/trpc/access';
import { createContextInner } from '../src/trpc/context';
import { createCallerFactory, publicProcedure, roleProcedure, router } from '../src/trpc/init';
import { ACCESS, appRouter } from '../src/trpc/root';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import { createTestClient, type TestClient } from './support/client';
import { openLive } from './support/live';

type ProcedureType = 'query' | 'mutation' | 'subscription';
/** In tRPC v11 `_def.procedures` is flat: 'domain.verb' → procedure. */
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;
const PATHS = Object.keys(PROCEDURES).sort();

const CALLERS = [
  'anonymous',
  'assistant',
  'veterinarian',
  'admin',
  'display',
  'deactivated',
  'expired',
] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_OF: Partial<Record<Caller, UserRole>> = {
  assistant: 'assistant',
  veterinarian: 'veterinarian',
  admin: 'admin',
  display: 'display',
};

type Expected = 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN';

/** The access each procedure declares, read from the router itself. */
const MATRIX: Record<string, Access> = accessMatrix(appRouter);

/** What a procedure's declaration says a caller gets. */
function expectation(path: string, caller: Caller): Expected {
  const access = MATRIX[path]!;
  const role = ROLE_OF[caller] ?? null;
  if (allows(access, role)) return 'allowed';
  return role ? 'FORBIDDEN' : 'UNAUTHORIZED';
}

const STRONG_PASSWORD = 'lantern-orbit-meadow-4417';
const MINUTE = 60_000;
const IDLE_EXPIRY = 31 * MINUTE;

let t: TestApp;
const config = loadConfig({ NODE_ENV: 'test' });
const sessionPolicy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };

/** Sessions signed in before the clock moved on 31 minutes: one per test, so each is seen expiring. */
const expiredTokens: string[] = [];
let realExpired: TestClient;
const tokens: Partial<Record<Caller, string>> = {};
const fx = {
  ownerId: '',
  patientId: '',
  doomedPatientId: '',
  appointmentId: '',
  cancelAppointmentId: '',
  recordId: '',
  targetUserId: '',
  deactivatedUserId: '',
  appointmentTypeId: '',
};
let slotBase = 0;
let slotIndex = 0;
let userSerial = 0;

/** A fresh half-hour slot each call, so bookings made by the matrix never overlap. */
function nextSlot() {
  const startsAt = new Date(slotBase + slotIndex++ * 60 * MINUTE);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
}

async function login(username: string, password = TEST_PASSWORD) {
  const client = createTestClient(t.baseUrl);
  await client.trpc.auth.login.mutate({ username, password });
  const token = client.cookie();
  if (!token) throw new Error(`no session cookie for ${username}`);
  return token;
}

interface Spec {
  /** A well-formed input; called right before each call (versions and slots are read fresh). */
  input: () => unknown;
  /** Domain refusals an allowed caller may get (the state a previous allowed call left, or a deliberate miss). */
  refusals?: readonly string[];
  /** The field a declared refusal names (a domain refusal about the input); any other issue is a validation error. */
  refusalIssue?: { path: string; message: string };
  /** Signed-in callers get a session of their own for this call (it ends the session). */
  freshSession?: boolean;
}

const SPECS: Record<string, Spec> = {
  'auth.login': { input: () => ({ username: 'matrix-login', password: STRONG_PASSWORD }) },
  'auth.logout': { input: () => undefined, freshSession: true },
  'auth.me': { input: () => undefined },
  'auth.profile': { input: () => undefined },
  // A stale version: refused as CONFLICT once the caller is let in (nobody's profile changes).
  'auth.updateProfile': {
    input: () => ({ updatedAt: new Date('2020-01-01T00:00:00Z'), fullName: 'Renamed' }),
    refusals: ['CONFLICT'],
  },
  'auth.sessions': { input: () => undefined },
  'auth.expiry': { input: () => undefined },
  'auth.staySignedIn': { input: () => undefined },
  // An unknown session: refused as NOT_FOUND once the caller is let in.
  'auth.revokeSession': { input: () => ({ sessionId: '0'.repeat(64) }), refusals: ['NOT_FOUND'] },
  // A wrong current password: refused as BAD_REQUEST once the caller is let in (nobody's password changes).
  'auth.changePassword': {
    input: () => ({ currentPassword: 'not-the-current-password', newPassword: 'a-brand-new-passphrase-42' }),
    refusals: ['BAD_REQUEST'],
    refusalIssue: { path: 'currentPassword', message: 'The current password is not correct' },
  },

  'owners.list': { input: () => ({}) },
  'owners.get': { input: () => ({ id: fx.ownerId }) },
  'owners.create': { input: () => ({ firstName: 'New', lastName: 'Owner', phone: '+1 555 000 2222' }) },
  'owners.update': {
    input: async () => ({
      id: fx.ownerId,
      updatedAt: (await queries.getOwner(t.db, fx.ownerId))!.updatedAt,
      notes: `updated ${slotIndex++}`,
    }),
  },
  'owners.setActive': { input: () => ({ id: fx.ownerId, isActive: true }) },

  'patients.list': { input: () => ({}) },
  'patients.get': { input: () => ({ id: fx.patientId }) },
  'patients.create': { input: () => ({ ownerId: fx.ownerId, name: 'Kit', species: 'cat' }) },
  'patients.update': {
    input: async () => ({
      id: fx.patientId,
      updatedAt: (await queries.getPatientRow(t.db, fx.patientId))!.updatedAt,
      breed: `breed ${slotIndex++}`,
    }),
  },
  'patients.setActive': { input: () => ({ id: fx.patientId, isActive: true }) },
  // The first allowed caller marks the patient deceased; the next one is told it already is.
  'patients.markDeceased': { input: () => ({ id: fx.doomedPatientId }), refusals: ['CONFLICT'] },

  'appointments.list': {
    input: () => ({
      from: new Date(slotBase - 24 * 60 * MINUTE),
      to: new Date(slotBase + 7 * 24 * 60 * MINUTE),
    }),
  },
  'appointments.get': { input: () => ({ id: fx.appointmentId }) },
  'appointments.create': {
    input: () => ({
      patientId: fx.patientId,
      veterinarianId: t.users.vet2.id,
      ...nextSlot(),
      reason: 'Vaccination',
    }),
  },
  'appointments.reschedule': {
    input: async () => ({
      id: fx.appointmentId,
      updatedAt: (await queries.getAppointmentRow(t.db, fx.appointmentId))!.updatedAt,
      ...nextSlot(),
    }),
  },
  'appointments.setStatus': {
    input: async () => {
      const current = (await queries.getAppointmentRow(t.db, fx.appointmentId))!;
      return { id: fx.appointmentId, status: current.status === 'scheduled' ? 'confirmed' : 'scheduled' };
    },
  },
  // The first allowed caller cancels it; the next ones are told a cancelled appointment cannot be cancelled.
  'appointments.cancel': {
    input: () => ({ id: fx.cancelAppointmentId, reason: 'Owner called' }),
    refusals: ['CONFLICT'],
  },

  'appointmentTypes.list': { input: () => ({}) },
  'appointmentTypes.create': { input: () => ({ name: `Matrix type ${userSerial++}`, defaultMinutes: 25 }) },
  'appointmentTypes.update': {
    input: async () => ({
      id: fx.appointmentTypeId,
      updatedAt: (await queries.getAppointmentType(t.db, fx.appointmentTypeId))!.updatedAt,
      defaultMinutes: 20 + (slotIndex++ % 20),
    }),
  },
  'appointmentTypes.setActive': { input: () => ({ id: fx.appointmentTypeId, isActive: true }) },

  'schedule.settings': { input: () => undefined },
  // The hours stay around the clock (the matrix books at any hour); only the version moves.
  'schedule.updateSettings': {
    input: async () => ({
      updatedAt: (await queries.getClinicSchedule(t.db)).updatedAt,
      timeZone: slotIndex++ % 2 ? 'UTC' : null,
      openingHours: Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' })),
    }),
  },
  'schedule.veterinarians': { input: () => undefined },
  'schedule.setWorkingDays': {
    input: () => ({ veterinarianId: t.users.vet2.id, workingDays: [1, 2, 3, 4, 5, 6, 7] }),
  },
  'schedule.freeSlots': {
    input: () => ({
      veterinarianId: t.users.vet.id,
      date: new Date(slotBase).toISOString().slice(0, 10),
      minutes: 30,
    }),
  },

  'medicalRecords.listForPatient': { input: () => ({ patientId: fx.patientId }) },
  'medicalRecords.get': { input: () => ({ id: fx.recordId }) },
  'medicalRecords.create': { input: () => ({ patientId: fx.patientId, reason: 'Recheck' }) },
  'medicalRecords.amend': {
    input: async () => ({
      id: fx.recordId,
      updatedAt: (await queries.getRecordRow(t.db, fx.recordId))!.updatedAt,
      notes: `amended ${slotIndex++}`,
    }),
  },
  'medicalRecords.addAddendum': { input: () => ({ recordId: fx.recordId, reason: 'Addendum' }) },

  'users.list': { input: () => undefined },
  'users.veterinarians': { input: () => undefined },
  'users.create': {
    input: () => {
      const n = userSerial++;
      return {
        username: `matrix-new-${n}`,
        email: `matrix-new-${n}@clinic.test`,
        fullName: 'New Hire',
        role: 'assistant',
        password: STRONG_PASSWORD,
      };
    },
  },
  'users.update': {
    input: async () => ({
      id: fx.targetUserId,
      updatedAt: (await queries.getUser(t.db, fx.targetUserId))!.updatedAt,
      fullName: `Target ${slotIndex++}`,
    }),
  },
  'users.setActive': { input: () => ({ id: fx.targetUserId, isActive: true }) },
  'users.resetPassword': {
    input: () => ({ id: fx.targetUserId, newPassword: 'another-strong-passphrase-7' }),
  },
  'users.revokeSessions': { input: () => ({ id: fx.targetUserId }) },

  'audit.list': { input: () => ({}) },
  'audit.forRecord': { input: () => ({ tableName: 'owners', recordId: fx.ownerId }) },
  'audit.exportCsv': { input: () => ({ timeZone: 'UTC', action: 'login' }) },
  'audit.integrity': { input: () => undefined },

  // A subscription: let in means its first event (`ready`) arrives.
  'live.changes': { input: () => undefined },
  'board.today': { input: () => undefined },
};

type Outcome = { ok: true; data: unknown } | { ok: false; code: string; message: string; issues: unknown };

type ProcedureClient = {
  query?: (input: unknown) => Promise<unknown>;
  mutate?: (input: unknown) => Promise<unknown>;
};

/** Calls `path` through the typed client (by name), turning a tRPC error into its code. */
async function call(client: TestClient, path: string, input: unknown): Promise<Outcome> {
  const [domain, verb] = path.split('.') as [string, string];
  const node = (client.trpc as unknown as Record<string, Record<string, ProcedureClient>>)[domain]![verb]!;
  if (PROCEDURES[path]!._def.type === 'subscription') {
    const stream = openLive(client, input as undefined);
    try {
      await stream.settled(5000);
      const error = stream.state.error;
      if (!error) return { ok: true, data: stream.frames[0] };
      return {
        ok: false,
        code: error.data?.code ?? error.message,
        message: error.message,
        issues: error.data?.issues,
      };
    } finally {
      stream.close();
    }
  }
  try {
    const data = await (PROCEDURES[path]!._def.type === 'query' ? node.query!(input) : node.mutate!(input));
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    return { ok: false, code: error.data?.code, message: error.message, issues: error.data?.issues };
  }
}

async function clientFor(caller: Caller, path: string): Promise<TestClient> {
  // A client object of its own per call: a login's Set-Cookie never replaces another test's session.
  const client = createTestClient(t.baseUrl);
  if (caller === 'expired') {
    const token = expiredTokens.pop();
    if (!token) throw new Error('the pool of expired sessions is empty');
    client.setCookie(token);
  } else if (caller !== 'anonymous') {
    const role = ROLE_OF[caller];
    const key = role === 'veterinarian' ? 'vet' : role;
    client.setCookie(SPECS[path]?.freshSession && key ? await login(key) : tokens[caller]);
  }
  return client;
}

beforeAll(async () => {
  t = await startTestApp();

  // Expired: signed in, then 31 minutes without a request (idle timeout 30). One real sign-in, and one session
  // per matrix test created the way login does, all before the clock moves.
  realExpired = await t.signIn('vet');
  for (let i = 0; i < PATHS.length; i++) {
    const { token } = await createSession(t.db, t.users.vet.id, t.clock.now(), sessionPolicy, {
      ip: null,
      userAgent: null,
    });
    expiredTokens.push(token);
  }
  t.clock.advance(IDLE_EXPIRY);

  tokens.admin = await login('admin');
  tokens.veterinarian = await login('vet');
  tokens.assistant = await login('assistant');
  tokens.display = await login('display');
  const admin = createTestClient(t.baseUrl);
  admin.setCookie(tokens.admin);
  const vet = createTestClient(t.baseUrl);
  vet.setCookie(tokens.veterinarian);

  const owner = await admin.trpc.owners.create.mutate({
    firstName: 'Pat',
    lastName: 'Policy',
    phone: '+1 555 000 1111',
  });
  fx.ownerId = owner.id;
  fx.patientId = (
    await admin.trpc.patients.create.mutate({ ownerId: owner.id, name: 'Rex', species: 'dog' })
  ).id;
  fx.doomedPatientId = (
    await admin.trpc.patients.create.mutate({ ownerId: owner.id, name: 'Doomed', species: 'dog' })
  ).id;

  const tomorrow = new Date(t.clock.now().getTime() + 24 * 60 * MINUTE);
  tomorrow.setUTCMinutes(0, 0, 0);
  slotBase = tomorrow.getTime();
  const book = () =>
    admin.trpc.appointments.create.mutate({
      patientId: fx.patientId,
      veterinarianId: t.users.vet.id,
      ...nextSlot(),
      reason: 'Check-up',
    });
  fx.appointmentId = (await book()).id;
  fx.appointmentTypeId = (
    await admin.trpc.appointmentTypes.create.mutate({ name: 'Matrix check', defaultMinutes: 30 })
  ).id;
  fx.cancelAppointmentId = (await book()).id;
  fx.recordId = (
    await vet.trpc.medicalRecords.create.mutate({
      patientId: fx.patientId,
      reason: 'Limping',
      findings: 'Sore paw',
    })
  ).id;

  const staff = (username: string, role: UserRole) =>
    admin.trpc.users.create.mutate({
      username,
      email: `${username}@clinic.test`,
      fullName: username,
      role,
      password: STRONG_PASSWORD,
    });
  fx.targetUserId = (await staff('matrix-target', 'assistant')).id;
  await staff('matrix-login', 'assistant');

  // Deactivated: a user the admin creates, who signs in, and whom the admin then deactivates.
  fx.deactivatedUserId = (await staff('matrix-gone', 'veterinarian')).id;
  const gone = createTestClient(t.baseUrl);
  await gone.trpc.auth.login.mutate({ username: 'matrix-gone', password: STRONG_PASSWORD });
  expect((await gone.trpc.auth.me.query()).user?.username).toBe('matrix-gone');
  await admin.trpc.users.setActive.mutate({ id: fx.deactivatedUserId, isActive: false });
  tokens.deactivated = gone.cookie();
}, 120_000);

afterAll(() => t?.close());

describe('every procedure declares its access', () => {
  it('the derived matrix covers every router path', () => {
    expect(Object.keys(MATRIX)).toEqual(PATHS);
  });

  it('the server serves the same matrix (root.ts derives it on import)', () => {
    expect(ACCESS).toEqual(MATRIX);
  });

  it('the matrix has a well-formed input for every procedure', () => {
    expect(PATHS.filter((path) => !SPECS[path])).toEqual([]);
    expect(Object.keys(SPECS).filter((path) => !(path in PROCEDURES))).toEqual([]);
  });
});

/**
 * ARCHITECTURE.md §Roles written out per procedure: the test oracle, the one deliberate second statement of the
 * matrix. The walk below follows the declarations whatever they say; this pins the declarations themselves to
 * the design, so widening a role is a deliberate edit in two places.
 */
const ALL_ROLES: UserRole[] = ['admin', 'assistant', 'veterinarian'];
const ROLES_BY_DESIGN: Record<string, 'public' | 'authenticated' | UserRole[]> = {
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'public',
  'auth.profile': 'authenticated',
  'auth.updateProfile': 'authenticated',
  'auth.sessions': 'authenticated',
  'auth.expiry': 'authenticated',
  'auth.staySignedIn': 'authenticated',
  'auth.revokeSession': 'authenticated',
  'auth.changePassword': 'authenticated',
  'owners.list': ALL_ROLES,
  'owners.get': ALL_ROLES,
  'owners.create': ALL_ROLES,
  'owners.update': ALL_ROLES,
  'owners.setActive': ['admin'],
  'patients.list': ALL_ROLES,
  'patients.get': ALL_ROLES,
  'patients.create': ALL_ROLES,
  'patients.update': ALL_ROLES,
  'patients.setActive': ['admin'],
  'patients.markDeceased': ['admin', 'veterinarian'],
  'appointments.list': ALL_ROLES,
  'appointments.get': ALL_ROLES,
  'appointments.create': ALL_ROLES,
  'appointments.reschedule': ALL_ROLES,
  'appointments.setStatus': ALL_ROLES,
  'appointments.cancel': ALL_ROLES,
  'appointmentTypes.list': ALL_ROLES,
  'appointmentTypes.create': ['admin'],
  'appointmentTypes.update': ['admin'],
  'appointmentTypes.setActive': ['admin'],
  'schedule.settings': ALL_ROLES,
  'schedule.updateSettings': ['admin'],
  'schedule.veterinarians': ALL_ROLES,
  'schedule.setWorkingDays': ['admin'],
  'schedule.freeSlots': ALL_ROLES,
  'medicalRecords.listForPatient': ALL_ROLES,
  'medicalRecords.get': ALL_ROLES,
  'medicalRecords.create': ['veterinarian'],
  'medicalRecords.amend': ['veterinarian'],
  'medicalRecords.addAddendum': ['veterinarian'],
  'users.list': ['admin'],
  'users.veterinarians': ALL_ROLES,
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.setActive': ['admin'],
  'users.resetPassword': ['admin'],
  'users.revokeSessions': ['admin'],
  'audit.list': ['admin'],
  'audit.forRecord': ['admin'],
  'audit.exportCsv': ['admin'],
  'audit.integrity': ['admin'],
  // The waiting-room display: the board and its live updates, and its own account; nothing else.
  'live.changes': ['admin', 'assistant', 'display', 'veterinarian'],
  'board.today': ['admin', 'assistant', 'display', 'veterinarian'],
};

describe('the declared access is the design’s role table', () => {
  it('matches ARCHITECTURE.md §Roles entry by entry', () => {
    const normalized = Object.fromEntries(
      Object.entries(MATRIX).map(([path, access]) => [
        path,
        typeof access === 'string' ? access : [...access].sort(),
      ]),
    );
    expect(normalized).toEqual(ROLES_BY_DESIGN);
  });
});

describe('callers that cannot act', () => {
  it('a session idle for 31 minutes is refused with the expiry notice', async () => {
    expect(await realExpired.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: true });
    const again = await call(realExpired, 'owners.list', {});
    expect(again).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
  });

  it('a deactivated user’s session no longer identifies anyone', async () => {
    const client = createTestClient(t.baseUrl);
    client.setCookie(tokens.deactivated);
    expect(await client.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: false });
  });
});

describe.each(PATHS)('%s', (path) => {
  for (const caller of CALLERS) {
    const expected = expectation(path, caller);
    it(`${caller} → ${expected}`, async () => {
      const spec = SPECS[path];
      expect(spec, `no matrix input for ${path}`).toBeDefined();
      const client = await clientFor(caller, path);
      const outcome = await call(client, path, await spec!.input());
      if (expected === 'allowed') {
        if (!outcome.ok) {
          // Let in: the only refusals are the declared domain ones, never auth, never a validation error.
          expect(outcome.issues, `${path} matrix input must be well-formed: ${outcome.message}`).toEqual(
            spec!.refusalIssue ? [spec!.refusalIssue] : [],
          );
          expect(spec!.refusals ?? [], `${path} as ${caller}: ${outcome.code} ${outcome.message}`).toContain(
            outcome.code,
          );
        }
        return;
      }
      expect(outcome).toMatchObject({ ok: false, code: expected });
      if (caller === 'expired' && expected === 'UNAUTHORIZED' && !outcome.ok) {
        expect(outcome.message).toMatch(/expired/i);
      }
    });
  }
});

describe('deny by default', () => {
  // Only a test reaches past the builders: a procedure whose declaration has been taken away.
  const undeclared = publicProcedure.meta({ access: undefined } as unknown as ProcedureMeta);
  const probeRouter = router({
    secret: router({
      probe: undeclared.query(() => 'leaked'),
      poke: undeclared.mutation(() => 'poked'),
    }),
    // A declared path built the same way: proves the refusal above comes from the missing declaration.
    owners: router({ list: roleProcedure('admin').query(() => 'listed') }),
  });
  let dbRoles: Record<DatabaseRole, string>;
  beforeAll(async () => {
    dbRoles = await currentDatabaseRoles(t.db);
  });
  const callerAs = (user: { id: string; username: string; role: UserRole } | null) =>
    createCallerFactory(probeRouter)(
      createContextInner(
        { config, db: t.db, dbRoles, clock: t.clock },
        {
          user: user ? { ...user, fullName: user.username, email: `${user.username}@clinic.test` } : null,
          origin: config.publicOrigin,
        },
      ),
    );

  it('accessMatrix refuses a router with an undeclared procedure, naming it', () => {
    expect(() => accessMatrix(probeRouter)).toThrow(/secret\.poke declares no access/);
  });

  it('accessMatrix refuses a procedure built without the builders (bare tRPC)', () => {
    const bare = initTRPC.create();
    const bareRouter = bare.router({ owners: bare.router({ sneak: bare.procedure.query(() => 'x') }) });
    expect(() => accessMatrix(bareRouter)).toThrow(/owners\.sneak declares no access/);
  });

  it('accessMatrix refuses a malformed declaration (no roles, unknown role)', () => {
    const empty = router({ a: publicProcedure.meta({ access: [] }).query(() => 1) });
    expect(() => accessMatrix(empty)).toThrow(/^Procedure a declares no access/);
    const unknown = router({ b: publicProcedure.meta({ access: ['janitor'] as never }).query(() => 1) });
    expect(() => accessMatrix(unknown)).toThrow(/^Procedure b declares no access/);
  });

  it('an undeclared procedure refuses even an admin (query and mutation)', async () => {
    const admin = callerAs(t.users.admin);
    await expect(admin.secret.probe()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This action has no access policy',
    });
    await expect(admin.secret.poke()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This action has no access policy',
    });
    await expect(admin.owners.list()).resolves.toBe('listed');
  });

  it('an undeclared procedure refuses anonymous callers too', async () => {
    await expect(callerAs(null).secret.probe()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
