import { createServer } from 'node:net';
import { createDb, type DbHandle, type Executor, hashPassword, queries, setAuditContext } from '@vetflow/db';
import { createTestDb, createTestRuntime, startTcpProxy, type TcpProxy } from '@vetflow/db/testing';
import { type UserRole, WEEKDAYS } from '@vetflow/schema/values';
import { loadConfig } from '../../src/config';
import type { LiveOptions } from '../../src/live/service';
import { buildServer } from '../../src/server';
import { createTestClient } from './client';
import { TestClock } from './clock';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  username: string;
  role: UserRole;
}

export type StaffKey = 'admin' | 'vet' | 'vet2' | 'assistant' | 'display' | 'inactive';

const STAFF: Record<StaffKey, { role: UserRole; fullName: string; active: boolean }> = {
  admin: { role: 'admin', fullName: 'Ada Admin', active: true },
  vet: { role: 'veterinarian', fullName: 'Dr. Vera Vet', active: true },
  vet2: { role: 'veterinarian', fullName: 'Dr. Otto Other', active: true },
  assistant: { role: 'assistant', fullName: 'Sam Assistant', active: true },
  display: { role: 'display', fullName: 'Waiting Room Screen', active: true },
  inactive: { role: 'assistant', fullName: 'Ian Inactive', active: false },
};

/** A port nobody listens on right now (the server is configured with it before it listens). */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * A running VetFlow server on a fresh database (one per test file), listening on a free port, with a clock
 * the test controls and one account per role (password TEST_PASSWORD).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { viaProxy?: boolean; clinicHours?: 'default' | 'around-the-clock'; live?: LiveOptions } = {},
) {
  // `handle` is the owner (setup, tampering); the server gets the runtime role, as in production (issue 7 #10).
  // On PGlite both share its one connection, switched to the runtime role.
  const handle = await createTestDb();
  const runtime = await createTestRuntime(handle);
  // viaProxy (PostgreSQL only): the server reaches the database through a TCP proxy the test can cut.
  const proxy: TcpProxy | null = options.viaProxy ? await startTcpProxy(runtime.url!) : null;
  const served: DbHandle = proxy ? await createDb({ url: proxy.url }) : runtime.handle;
  const clock = new TestClock();
  // The server's public origin is configuration (PORT), never its Host header: it must know its port up front.
  let app: Awaited<ReturnType<typeof buildServer>>;
  let port: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      PORT: String(port),
      ...env,
    });
    app = await buildServer({ config, db: served.db, clock, logger: false, live: options.live });
    try {
      await app.listen({ port, host: '127.0.0.1' });
      break;
    } catch (error) {
      await app.close();
      // Another process took the port between the probe and listen(): try another.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
    }
  }
  const baseUrl = `http://127.0.0.1:${port}`;

  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users = {} as Record<StaffKey, TestUser>;
  await handle.db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: 'test-setup' });
    for (const [key, spec] of Object.entries(STAFF) as [StaffKey, (typeof STAFF)[StaffKey]][]) {
      const user = await queries.createUser(tx, {
        username: key,
        email: `${key}@clinic.test`,
        fullName: spec.fullName,
        role: spec.role,
        passwordHash,
      });
      if (!spec.active) await queries.setUserActive(tx, user.id, false);
      users[key] = { id: user.id, username: key, role: spec.role };
    }
    if (options.clinicHours !== 'default') await openAroundTheClock(tx);
  });

  /**
   * Most tests book at whatever time they run: unless asked for the default hours, the test clinic is open
   * around the clock and every vet works every day (test/schedule covers the hours themselves).
   */
  async function openAroundTheClock(db: Executor) {
    const schedule = await queries.getClinicSchedule(db);
    await queries.updateClinicSchedule(db, schedule.updatedAt, {
      timeZone: null,
      openingHours: WEEKDAYS.map(() => ({ open: '00:00', close: '24:00' })),
    });
    for (const vet of await queries.listActiveVeterinarians(db)) {
      await queries.setWorkingDays(db, vet.id, [...WEEKDAYS]);
    }
  }

  /** A client signed in as `key` (the inactive account cannot sign in: use `signedInThenDeactivated`). */
  async function signIn(key: Exclude<StaffKey, 'inactive'>, options: { origin?: string | null } = {}) {
    const client = createTestClient(baseUrl, options);
    const origin = createTestClient(baseUrl);
    await origin.trpc.auth.login.mutate({ username: key, password: TEST_PASSWORD });
    client.setCookie(origin.cookie());
    return client;
  }

  /** A client signed in as any account by username (e.g. one from `createStaff`), through the sign-in form's call. */
  async function signInAs(username: string, password = TEST_PASSWORD) {
    const client = createTestClient(baseUrl);
    await client.trpc.auth.login.mutate({ username, password });
    if (!client.cookie()) throw new Error(`signing in as ${username} set no session cookie`);
    return client;
  }

  let extraStaff = 0;
  /** A fresh account (password TEST_PASSWORD) for tests that throttle, revoke, deactivate or change it. */
  async function createStaff(role: UserRole = 'assistant') {
    const username = `staff${++extraStaff}`;
    const user = await queries.createUser(handle.db, {
      username,
      email: `${username}@clinic.test`,
      fullName: `Staff ${extraStaff}`,
      role,
      passwordHash,
    });
    if (role === 'veterinarian' && options.clinicHours !== 'default') {
      await queries.setWorkingDays(handle.db, user.id, [...WEEKDAYS]);
    }
    return { ...user, username };
  }

  return {
    app,
    db: handle.db,
    /** The handle the server queries with (the runtime role; through the proxy when asked for). */
    servedDb: served.db,
    createStaff,
    kind: handle.kind,
    /** The database role the server runs as. */
    role: runtime.role,
    clock,
    baseUrl,
    users,
    signIn,
    signInAs,
    anonymous: (options: { origin?: string | null } = {}) => createTestClient(baseUrl, options),
    proxy,
    close: async () => {
      await app.close();
      if (served !== runtime.handle) await served.close();
      if (runtime.handle !== handle) await runtime.handle.close();
      await proxy?.close();
      await handle.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
