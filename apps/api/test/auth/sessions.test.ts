import { createHash } from 'node:crypto';
import { queries } from '@vetflow/db';
import { auditLog, owners, sessions, systemUsers } from '@vetflow/schema';
import { and, count, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildServer } from '../../src/server';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { trpcCall } from '../support/raw-trpc';
import { expectRefusal } from '../support/refusal';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GENERIC_LOGIN_FAILURE = 'Incorrect username or password';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** A raw sign-in over HTTP, as a browser's fetch would send it (superjson envelope, our own Origin). */
function rawLogin(username: string, password: string) {
  return trpcCall(t.baseUrl, 'auth.login', { username, password });
}

const signInAs = (username: string, password?: string) => t.signInAs(username, password);

async function sessionIdsOf(userId: string) {
  const rows = await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((r) => r.id).sort();
}

/** The opaque id auth.sessions shows for a client's session (the id auth.revokeSession takes). */
async function publicIdOf(client: TestClient) {
  const [row] = await t.db
    .select({ publicId: sessions.publicId })
    .from(sessions)
    .where(eq(sessions.id, sha256(client.cookie()!)));
  return row!.publicId;
}

async function lastAuditId() {
  const [row] = await t.db.select({ id: max(auditLog.id) }).from(auditLog);
  return Number(row?.id ?? 0);
}

async function auditSince(baseline: number) {
  return t.db.select().from(auditLog).where(gt(auditLog.id, baseline)).orderBy(auditLog.id);
}

/** An authenticated procedure's verdict on the client's session. */
async function expectSignedOut(client: TestClient) {
  const error = await errorOf(client.trpc.auth.sessions.query());
  expect(error.code).toBe('UNAUTHORIZED');
  expect(error.message).toBe('Please sign in');
  expect(await client.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: false });
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie with a fresh 160-bit token that lives as long as the session', async () => {
    const before = t.clock.now().getTime();
    const response = await rawLogin('vet', TEST_PASSWORD);
    expect(response.status).toBe(200);
    const lines = response.headers.getSetCookie().filter((l) => l.startsWith('vetflow_session='));
    expect(lines).toHaveLength(1);
    const [pair, ...attributes] = lines[0]!.split(';').map((s) => s.trim());
    const token = pair!.slice('vetflow_session='.length);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).not.toContain('Secure'); // plain HTTP in tests; production is checked below
    const expires = attributes.find((a) => a.startsWith('Expires='));
    expect(expires).toBeDefined();
    const expiresAt = new Date(expires!.slice('Expires='.length)).getTime();
    // Cookie dates have one-second resolution.
    expect(Math.abs(expiresAt - (before + 12 * HOUR))).toBeLessThan(2000);

    const body = JSON.parse(response.text) as { result: { data: { json: Record<string, unknown> } } };
    expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
    expect(body.result.data.json.user).toEqual({
      id: t.users.vet.id,
      username: 'vet',
      fullName: 'Dr. Vera Vet',
      email: 'vet@clinic.test',
      role: 'veterinarian',
    });

    const again = await rawLogin('vet', TEST_PASSWORD);
    const second = /^vetflow_session=([^;]*)/.exec(again.headers.getSetCookie().join('\n'))?.[1];
    expect(second).toMatch(/^[a-z2-7]{32}$/);
    expect(second).not.toBe(token);
  });

  it('marks the cookie Secure in production', async () => {
    const config = loadConfig({ NODE_ENV: 'production', PORT: '3000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const app = await buildServer({ config, db: t.db, clock: t.clock, logger: false });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ json: { username: 'vet', password: TEST_PASSWORD } }),
      });
      expect(response.statusCode).toBe(200);
      const line = String(
        [response.headers['set-cookie']].flat().find((l) => l?.startsWith('vetflow_session=')),
      );
      const attributes = line.split(';').map((s) => s.trim());
      expect(attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
    } finally {
      await app.close();
    }
  });

  it('auth.me returns the signed-in user and nothing of the password hash', async () => {
    const vet = await t.signIn('vet');
    const me = await vet.trpc.auth.me.query();
    expect(me).toEqual({
      user: {
        id: t.users.vet.id,
        username: 'vet',
        fullName: 'Dr. Vera Vet',
        email: 'vet@clinic.test',
        role: 'veterinarian',
      },
      sessionExpired: false,
    });
    expect(JSON.stringify(me)).not.toMatch(/argon2|hash|password/i);

    const raw = await trpcCall(t.baseUrl, 'auth.me', undefined, { cookie: vet.cookie(), origin: null });
    expect(raw.status).toBe(200);
    expect(raw.text).not.toMatch(/argon2|passwordHash|password_hash/i);
  });

  it('anonymous auth.me is null, not an error', async () => {
    expect(await t.anonymous().trpc.auth.me.query()).toEqual({ user: null, sessionExpired: false });
  });

  it('a wrong password and an unknown user get the same generic UNAUTHORIZED, and no cookie', async () => {
    const wrongPassword = t.anonymous();
    const unknownUser = t.anonymous();
    const a = await errorOf(
      wrongPassword.trpc.auth.login.mutate({ username: 'vet2', password: 'not-the-password' }),
    );
    const b = await errorOf(
      unknownUser.trpc.auth.login.mutate({ username: 'nobody-here', password: TEST_PASSWORD }),
    );
    for (const error of [a, b]) {
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.httpStatus).toBe(401);
      expect(error.message).toBe(GENERIC_LOGIN_FAILURE);
      expectRefusal(error.data, { code: 'UNAUTHORIZED', message: GENERIC_LOGIN_FAILURE });
      expect(error.data.details).toBeUndefined();
    }
    expect(a.message).toBe(b.message);
    expect(wrongPassword.cookie()).toBeUndefined();
    expect(unknownUser.cookie()).toBeUndefined();
  });

  it('an inactive user cannot sign in; only the right password is told the account is deactivated', async () => {
    const wrong = await errorOf(
      t.anonymous().trpc.auth.login.mutate({ username: 'inactive', password: 'wrong-one-1234' }),
    );
    expectRefusal(wrong.data, { code: 'UNAUTHORIZED', message: GENERIC_LOGIN_FAILURE });
    const client = t.anonymous();
    const baseline = await lastAuditId();
    const error = await errorOf(
      client.trpc.auth.login.mutate({ username: 'inactive', password: TEST_PASSWORD }),
    );
    expectRefusal(error.data, {
      code: 'FORBIDDEN',
      message:
        'This account is deactivated. Ask an administrator to reactivate it if you still need to sign in.',
    });
    expect(client.cookie()).toBeUndefined();
    expect(await sessionIdsOf(t.users.inactive.id)).toEqual([]);
    const audit = await auditSince(baseline);
    expect(audit.map((r) => r.action)).toEqual(['login_failed']);
    expect(audit[0]).toMatchObject({
      recordId: t.users.inactive.id,
      userId: null,
      newValues: { reason: 'inactive' },
    });
  });

  it('a successful sign-in writes a login audit row', async () => {
    const baseline = await lastAuditId();
    const client = await signInAs('assistant');
    const audit = await auditSince(baseline);
    // Only the auth event: last_login_at is bookkeeping, not an audited data change.
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'login',
        userId: t.users.assistant.id,
        recordId: t.users.assistant.id,
        tableName: 'system_users',
      }),
    ]);
    expect(client.cookie()).toBeDefined();
  });
});

describe('logout', () => {
  it('ends the session: the token no longer works, its row is gone, and a logout audit row is written', async () => {
    const vet = await t.signIn('vet');
    const token = vet.cookie()!;
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(token)));
    expect(row?.userId).toBe(t.users.vet.id);

    const baseline = await lastAuditId();
    expect(await vet.trpc.auth.logout.mutate()).toEqual({ ok: true });
    expect(vet.cookie()).toBeUndefined(); // the server cleared the cookie

    expect(
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sha256(token))),
    ).toEqual([]);
    // Someone who kept a copy of the token gets nothing.
    vet.setCookie(token);
    await expectSignedOut(vet);

    const audit = await auditSince(baseline);
    expect(audit.filter((r) => r.action === 'logout')).toEqual([
      expect.objectContaining({
        userId: t.users.vet.id,
        recordId: t.users.vet.id,
        tableName: 'system_users',
      }),
    ]);
  });

  it('leaves the same user’s other sessions signed in', async () => {
    const a = await t.signIn('vet2');
    const b = await t.signIn('vet2');
    await a.trpc.auth.logout.mutate();
    expect((await b.trpc.auth.me.query()).user?.id).toBe(t.users.vet2.id);
  });
});

describe('expiry', () => {
  it('an idle session expires after 30 minutes: UNAUTHORIZED saying so, and auth.me reports sessionExpired', async () => {
    const a = await t.signIn('vet');
    const b = await t.signIn('vet');
    t.clock.advance(31 * MINUTE);

    const error = await errorOf(a.trpc.auth.sessions.query());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/expired/i);
    expect(await b.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: true });
    // Both rows were deleted on sight.
    const ids = await sessionIdsOf(t.users.vet.id);
    expect(ids).not.toContain(sha256(a.cookie()!));
    expect(ids).not.toContain(sha256(b.cookie()!));
  });

  it('activity within the idle window keeps the session alive', async () => {
    const vet = await t.signIn('vet');
    const id = sha256(vet.cookie()!);
    const lastSeen = async () =>
      (await t.db.select().from(sessions).where(eq(sessions.id, id)))[0]?.lastSeenAt.getTime();
    const signedInAt = await lastSeen();

    // last_seen_at is written at most once a minute.
    t.clock.advance(30_000);
    await vet.trpc.auth.sessions.query();
    expect(await lastSeen()).toBe(signedInAt);

    t.clock.advance(20 * MINUTE);
    await vet.trpc.auth.sessions.query();
    expect(await lastSeen()).toBe(t.clock.now().getTime());

    t.clock.advance(20 * MINUTE);
    expect((await vet.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);
    t.clock.advance(20 * MINUTE);
    const list = await vet.trpc.auth.sessions.query();
    const publicId = await publicIdOf(vet);
    expect(list.find((s) => s.id === publicId)?.current).toBe(true);
  });

  it('a session ends after 12 hours however active it is', async () => {
    const vet = await t.signIn('vet');
    const start = t.clock.now().getTime();
    const elapsed = () => t.clock.now().getTime() - start;
    while (elapsed() + 20 * MINUTE < 12 * HOUR) {
      t.clock.advance(20 * MINUTE);
      await vet.trpc.auth.sessions.query();
    }
    t.clock.advance(12 * HOUR - MINUTE - elapsed()); // 11 h 59 min
    expect((await vet.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);

    t.clock.advance(2 * MINUTE); // 12 h 01 min, last activity two minutes ago
    const error = await errorOf(vet.trpc.auth.sessions.query());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/expired/i);
    expect(await sessionIdsOf(t.users.vet.id)).not.toContain(sha256(vet.cookie()!));
  });
});

describe('revocation', () => {
  it('auth.sessions lists only the caller’s live sessions, by opaque public id, marking the current one', async () => {
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    const b = await signInAs(user.username);
    await t.signIn('vet'); // someone else's session must not show up

    const list = await a.trpc.auth.sessions.query();
    const [idA, idB] = [await publicIdOf(a), await publicIdOf(b)];
    expect(list.map((s) => s.id).sort()).toEqual([idA, idB].sort());
    expect(list.find((s) => s.id === idA)?.current).toBe(true);
    expect(list.find((s) => s.id === idB)?.current).toBe(false);
    // Neither the tokens nor their hashes (the sessions' primary keys) leave the server.
    for (const client of [a, b]) {
      expect(JSON.stringify(list)).not.toContain(client.cookie()!);
      expect(JSON.stringify(list)).not.toContain(sha256(client.cookie()!));
    }

    const fromB = await b.trpc.auth.sessions.query();
    expect(fromB.filter((s) => s.current).map((s) => s.id)).toEqual([await publicIdOf(b)]);
  });

  it('auth.revokeSession signs another session out and leaves the caller signed in', async () => {
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    const b = await signInAs(user.username);
    const baseline = await lastAuditId();

    expect(await a.trpc.auth.revokeSession.mutate({ sessionId: await publicIdOf(b) })).toEqual({ ok: true });
    await expectSignedOut(b);
    expect((await a.trpc.auth.me.query()).user?.id).toBe(user.id);
    expect(await sessionIdsOf(user.id)).toEqual([sha256(a.cookie()!)]);
    const audit = await auditSince(baseline);
    expect(audit.filter((r) => r.action === 'session_revoked')).toEqual([
      expect.objectContaining({ userId: user.id, recordId: user.id }),
    ]);
  });

  it('revoking a session of another user is NOT_FOUND and leaves it alone', async () => {
    const user = await t.createStaff();
    const attacker = await signInAs(user.username);
    const victim = await t.signIn('vet2');
    const error = await errorOf(
      attacker.trpc.auth.revokeSession.mutate({ sessionId: await publicIdOf(victim) }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect((await victim.trpc.auth.me.query()).user?.id).toBe(t.users.vet2.id);
    expect(await sessionIdsOf(t.users.vet2.id)).toContain(sha256(victim.cookie()!));
  });

  it('admin users.revokeSessions signs the user out everywhere', async () => {
    const admin = await t.signIn('admin');
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    const b = await signInAs(user.username);
    const baseline = await lastAuditId();

    expect(await admin.trpc.users.revokeSessions.mutate({ id: user.id })).toEqual({ revoked: 2 });
    expect(await sessionIdsOf(user.id)).toEqual([]);
    await expectSignedOut(a);
    await expectSignedOut(b);
    expect((await admin.trpc.auth.me.query()).user?.id).toBe(t.users.admin.id);
    const audit = await auditSince(baseline);
    expect(audit.filter((r) => r.action === 'session_revoked')).toEqual([
      expect.objectContaining({ userId: t.users.admin.id, recordId: user.id }),
    ]);
  });

  it('deactivating a user (users.setActive false) signs them out and keeps them out', async () => {
    const admin = await t.signIn('admin');
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    const baseline = await lastAuditId();
    await admin.trpc.users.setActive.mutate({ id: user.id, isActive: false });
    // Revoked by the deactivation itself, not merely refused later on sight.
    expect(await sessionIdsOf(user.id)).toEqual([]);
    const audit = await auditSince(baseline);
    expect(audit.filter((r) => r.action === 'session_revoked')).toEqual([
      expect.objectContaining({
        userId: t.users.admin.id,
        recordId: user.id,
        newValues: expect.objectContaining({ reason: 'deactivated' }),
      }),
    ]);
    await expectSignedOut(a);
    const error = await errorOf(
      t.anonymous().trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/^This account is deactivated\./);
  });

  it('an admin password reset signs the user out; the old password stops working', async () => {
    const admin = await t.signIn('admin');
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    const newPassword = 'a-brand-new-passphrase';
    await admin.trpc.users.resetPassword.mutate({ id: user.id, newPassword });
    expect(await sessionIdsOf(user.id)).toEqual([]);
    await expectSignedOut(a);
    const old = await errorOf(
      t.anonymous().trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD }),
    );
    expect(old.code).toBe('UNAUTHORIZED');
    await t.anonymous().trpc.auth.login.mutate({ username: user.username, password: newPassword });
  });

  it('a role change via users.update signs the user out; other edits do not', async () => {
    const admin = await t.signIn('admin');
    const user = await t.createStaff('assistant');
    const a = await signInAs(user.username);

    const renamed = await admin.trpc.users.update.mutate({
      id: user.id,
      updatedAt: user.updatedAt,
      fullName: 'Renamed',
    });
    expect((await a.trpc.auth.me.query()).user?.id).toBe(user.id);

    await admin.trpc.users.update.mutate({ id: user.id, updatedAt: renamed.updatedAt, role: 'veterinarian' });
    expect(await sessionIdsOf(user.id)).toEqual([]);
    await expectSignedOut(a);
    const again = await signInAs(user.username);
    expect((await again.trpc.auth.me.query()).user?.role).toBe('veterinarian');
  });

  it('a deactivated user’s existing session stops working at once, even if nothing revoked it', async () => {
    const user = await t.createStaff();
    const a = await signInAs(user.username);
    // Deactivated straight in the database, bypassing the API's revocation.
    await queries.setUserActive(t.db, user.id, false);
    expect(await sessionIdsOf(user.id)).toHaveLength(1);
    await expectSignedOut(a);
    expect(await sessionIdsOf(user.id)).toEqual([]);
  });
});

describe('stolen tokens', () => {
  it('the sessions table holds only sha256(token), never the token', async () => {
    const vet = await t.signIn('vet');
    const token = vet.cookie()!;
    const ids = (await t.db.select({ id: sessions.id }).from(sessions)).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(ids).not.toContain(token);
    expect(ids.filter((id) => id === sha256(token))).toHaveLength(1);
    // Nor is the token anywhere else in the row.
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(token)));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('presenting the stored hash as the cookie does not authenticate', async () => {
    const vet = await t.signIn('vet');
    const thief = t.anonymous();
    thief.setCookie(sha256(vet.cookie()!));
    await expectSignedOut(thief);
    // Nor does a well-formed token that was never issued.
    thief.setCookie('a'.repeat(32));
    await expectSignedOut(thief);
    // The real session is untouched.
    expect((await vet.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);
  });

  it('a malformed cookie is simply anonymous', async () => {
    const client = t.anonymous();
    for (const value of ['garbage', 'A'.repeat(32), `${'a'.repeat(31)}!`, 'x'.repeat(4000), '%00%ff']) {
      client.setCookie(value);
      expect(await client.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: false });
      expect((await errorOf(client.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
    }
  });
});

describe('CSRF', () => {
  async function ownerCount() {
    const [row] = await t.db.select({ n: count() }).from(owners);
    return row!.n;
  }
  async function passwordHashOf(userId: string) {
    const [row] = await t.db
      .select({ h: systemUsers.passwordHash })
      .from(systemUsers)
      .where(eq(systemUsers.id, userId));
    return row!.h;
  }

  for (const [label, origin] of [
    ['without an Origin header', null],
    ['from a foreign Origin', 'https://evil.example'],
    ['from an opaque (null) Origin', 'null'],
  ] as const) {
    it(`refuses mutations ${label}, even with a valid session cookie, and changes nothing`, async () => {
      const vet = await t.signIn('vet', { origin });
      const token = vet.cookie()!;
      const owners = await ownerCount();
      const hash = await passwordHashOf(t.users.vet.id);

      const create = await errorOf(
        vet.trpc.owners.create.mutate({ firstName: 'Eve', lastName: 'Il', phone: '+1 555 000 1111' }),
      );
      expect(create.code).toBe('FORBIDDEN');
      expect(await ownerCount()).toBe(owners);

      const change = await errorOf(
        vet.trpc.auth.changePassword.mutate({
          currentPassword: TEST_PASSWORD,
          newPassword: 'attacker-chosen-pass',
        }),
      );
      expect(change.code).toBe('FORBIDDEN');
      expect(await passwordHashOf(t.users.vet.id)).toBe(hash);

      const logout = await errorOf(vet.trpc.auth.logout.mutate());
      expect(logout.code).toBe('FORBIDDEN');
      expect(vet.cookie()).toBe(token);
      expect(await sessionIdsOf(t.users.vet.id)).toContain(sha256(token));

      const revoke = await errorOf(vet.trpc.auth.revokeSession.mutate({ sessionId: await publicIdOf(vet) }));
      expect(revoke.code).toBe('FORBIDDEN');
      expect(await sessionIdsOf(t.users.vet.id)).toContain(sha256(token));

      // Nor can a foreign page sign someone in (login CSRF).
      const login = t.anonymous({ origin });
      expect(
        (await errorOf(login.trpc.auth.login.mutate({ username: 'vet', password: TEST_PASSWORD }))).code,
      ).toBe('FORBIDDEN');
      expect(login.cookie()).toBeUndefined();
    });
  }

  it('queries still work without an Origin header', async () => {
    const vet = await t.signIn('vet', { origin: null });
    expect((await vet.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);
    const list = await vet.trpc.auth.sessions.query();
    expect(list.some((s) => s.current)).toBe(true);
  });

  it('accepts mutations from the server’s own origin', async () => {
    const vet = await t.signIn('vet');
    const before = await ownerCount();
    await vet.trpc.owners.create.mutate({ firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567' });
    expect(await ownerCount()).toBe(before + 1);
    // A sanity check that the refusal above is about the Origin, not about the session.
    expect(
      await t.db
        .select({ n: count() })
        .from(sessions)
        .where(and(eq(sessions.userId, t.users.vet.id), eq(sessions.id, sha256(vet.cookie()!)))),
    ).toEqual([{ n: 1 }]);
  });
});
