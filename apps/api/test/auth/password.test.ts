import { createHash } from 'node:crypto';
import { queries } from '@vetflow/db';
import { auditLog, loginThrottles, sessions, systemUsers } from '@vetflow/schema';
import { eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { errorOf } from '../support/client';
import { expectFieldRefusal, expectRefusal } from '../support/refusal';

const NEW_PASSWORD = 'violet-lantern-orchard';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const signInAs = (username: string, password?: string) => t.signInAs(username, password);

async function passwordHashOf(userId: string) {
  const [row] = await t.db
    .select({ h: systemUsers.passwordHash })
    .from(systemUsers)
    .where(eq(systemUsers.id, userId));
  return row!.h;
}

async function lastAuditId() {
  const [row] = await t.db.select({ id: max(auditLog.id) }).from(auditLog);
  return Number(row?.id ?? 0);
}

describe('auth.changePassword', () => {
  it('refuses a wrong current password with BAD_REQUEST naming currentPassword, and changes nothing', async () => {
    const user = await t.createStaff();
    const client = await signInAs(user.username);
    const hash = await passwordHashOf(user.id);
    const error = await errorOf(
      client.trpc.auth.changePassword.mutate({
        currentPassword: 'not-my-password',
        newPassword: NEW_PASSWORD,
      }),
    );
    expectFieldRefusal(error.data, {
      code: 'BAD_REQUEST',
      field: 'currentPassword',
      message: 'The current password is not correct',
    });
    expect(error.data.details).toBeUndefined();
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect((await client.trpc.auth.me.query()).user?.id).toBe(user.id);
  });

  it('guesses of the current password are throttled like sign-ins; the right one clears the count', async () => {
    const user = await t.createStaff();
    const client = await signInAs(user.username);
    for (let i = 0; i < 5; i++) {
      const wrong = client.trpc.auth.changePassword.mutate({
        currentPassword: `guess-${i}`,
        newPassword: NEW_PASSWORD,
      });
      expect((await errorOf(wrong)).code).toBe('BAD_REQUEST');
    }
    const throttled = await errorOf(
      client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    );
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');
    expect(await passwordHashOf(user.id)).toBe(await queries.getPasswordHash(t.db, t.users.vet.id));

    t.clock.advance(1000);
    const tooShort = await errorOf(
      client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' }),
    );
    expect(tooShort.code).toBe('BAD_REQUEST');
    // The right current password reset the counter the guesses were made on (the account's sign-in counters).
    const counters = await t.db
      .select({ failed: loginThrottles.failures })
      .from(loginThrottles)
      .where(eq(loginThrottles.account, user.id));
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.map((c) => c.failed)).toEqual(counters.map(() => 0));
  });

  it('refuses a too-short new password with BAD_REQUEST naming newPassword', async () => {
    const user = await t.createStaff();
    const client = await signInAs(user.username);
    const hash = await passwordHashOf(user.id);
    const error = await errorOf(
      client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'short-pw' }),
    );
    expectRefusal(error.data, {
      code: 'BAD_REQUEST',
      message: 'At least 12 characters',
      issues: [{ path: 'newPassword', message: 'At least 12 characters' }],
    });
    expect(await passwordHashOf(user.id)).toBe(hash);
  });

  it.each(['password1234', 'qwerty123456', 'QWERTY123456'])(
    'refuses the common password %s',
    async (common) => {
      const user = await t.createStaff();
      const client = await signInAs(user.username);
      const hash = await passwordHashOf(user.id);
      const error = await errorOf(
        client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: common }),
      );
      expectFieldRefusal(error.data, { code: 'BAD_REQUEST', field: 'newPassword', message: /common/i });
      expect(error.data.details).toBeUndefined();
      expect(await passwordHashOf(user.id)).toBe(hash);
    },
  );

  it('refuses a new password that contains the username', async () => {
    const user = await t.createStaff();
    const client = await signInAs(user.username);
    const error = await errorOf(
      client.trpc.auth.changePassword.mutate({
        currentPassword: TEST_PASSWORD,
        newPassword: `my-${user.username}-secret`,
      }),
    );
    expectFieldRefusal(error.data, {
      code: 'BAD_REQUEST',
      field: 'newPassword',
      message: 'Must not contain the username.',
    });
  });

  it('requires a session', async () => {
    const error = await errorOf(
      t
        .anonymous()
        .trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('on success keeps the current session, signs out the others, retires the old password and is audited', async () => {
    const user = await t.createStaff();
    const current = await signInAs(user.username);
    const other = await signInAs(user.username);
    const third = await signInAs(user.username);
    const bystander = await t.signIn('vet');
    const baseline = await lastAuditId();

    expect(
      await current.trpc.auth.changePassword.mutate({
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({
      ok: true,
    });

    expect((await current.trpc.auth.me.query()).user?.id).toBe(user.id);
    for (const client of [other, third]) {
      expect((await errorOf(client.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
      expect((await client.trpc.auth.me.query()).user).toBeNull();
    }
    const left = await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((r) => r.id)).toEqual([sha256(current.cookie()!)]);
    // Another user's session is untouched.
    expect((await bystander.trpc.auth.me.query()).user?.id).toBe(t.users.vet.id);

    const old = await errorOf(
      t.anonymous().trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD }),
    );
    expect(old.code).toBe('UNAUTHORIZED');
    await signInAs(user.username, NEW_PASSWORD);

    const newHash = await passwordHashOf(user.id);
    const audit = await t.db.select().from(auditLog).where(gt(auditLog.id, baseline)).orderBy(auditLog.id);
    expect(audit.filter((r) => r.action === 'password_changed')).toEqual([
      expect.objectContaining({ userId: user.id, recordId: user.id, tableName: 'system_users' }),
    ]);
    // Neither the password nor its hash ever enters the audit log.
    const everything = JSON.stringify(audit);
    expect(everything).not.toContain(newHash);
    expect(everything).not.toContain(NEW_PASSWORD);
    expect(everything).not.toContain(TEST_PASSWORD);
  });
});
