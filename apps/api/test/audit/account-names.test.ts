import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// "Password changed" and "Session revoked" say whose account it was, not only who did it (issue 9, bug 9): the
// audit timeline names the account each staff-account row is about.

let t: TestApp;
let admin: TestClient;
const NEW_PASSWORD = 'violet-lantern-orchard';

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const latest = async (action: 'password_changed' | 'session_revoked') => {
  const page = await admin.trpc.audit.list.query({ action, limit: 1 });
  return page.items[0]!;
};

describe('audit rows about a staff account', () => {
  it("an admin's password reset and the sessions it revoked name the account and the admin", async () => {
    const staff = await t.createStaff('veterinarian');
    await t.signInAs(staff.username);
    await admin.trpc.users.resetPassword.mutate({ id: staff.id, newPassword: NEW_PASSWORD });
    for (const action of ['password_changed', 'session_revoked'] as const) {
      expect(await latest(action), action).toMatchObject({
        recordId: staff.id,
        accountUsername: staff.username,
        accountFullName: staff.fullName,
        userId: t.users.admin.id,
        username: 'admin',
        userFullName: 'Ada Admin',
      });
    }
  });

  it("a user's own password change and revoked session name their own account", async () => {
    const staff = await t.createStaff();
    const client = await t.signInAs(staff.username);
    await client.trpc.auth.changePassword.mutate({
      currentPassword: 'correct-horse-battery',
      newPassword: NEW_PASSWORD,
    });
    expect(await latest('password_changed')).toMatchObject({
      accountUsername: staff.username,
      accountFullName: staff.fullName,
      username: staff.username,
    });
    await t.signInAs(staff.username, NEW_PASSWORD);
    const [session] = (await client.trpc.auth.sessions.query()).filter((s) => !s.current);
    await client.trpc.auth.revokeSession.mutate({ sessionId: session!.id });
    expect(await latest('session_revoked')).toMatchObject({
      accountUsername: staff.username,
      accountFullName: staff.fullName,
    });
  });

  it('rows about other records name no account', async () => {
    await admin.trpc.owners.create.mutate({ firstName: 'Ann', lastName: 'Other', phone: '555 010 9999' });
    const page = await admin.trpc.audit.list.query({ tableName: 'owners', limit: 1 });
    expect(page.items[0]).toMatchObject({ accountUsername: null, accountFullName: null });
  });
});
