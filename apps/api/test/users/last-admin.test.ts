import { systemUsers } from '@vetflow/schema';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf } from '../support/client';

/** Issue 7.5: two admins demoting or deactivating each other at the same moment must leave one admin. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const activeAdmins = async () => {
  const [row] = await t.db
    .select({ n: count() })
    .from(systemUsers)
    .where(and(eq(systemUsers.role, 'admin'), eq(systemUsers.isActive, true)));
  return row?.n ?? 0;
};

/** Leaves exactly two active admins, each with a signed-in client (the harness admin and a fresh one). */
async function twoAdmins() {
  const other = await t.createStaff('admin');
  expect(await activeAdmins()).toBe(2);
  const first = await t.signIn('admin');
  const second = await t.signInAs(other.username);
  return { first, second, firstId: t.users.admin.id, secondId: other.id };
}

async function userVersion(id: string) {
  const [row] = await t.db
    .select({ updatedAt: systemUsers.updatedAt })
    .from(systemUsers)
    .where(eq(systemUsers.id, id));
  return row!.updatedAt;
}

/** The database's own message for a refused statement (Drizzle wraps the driver's error as its cause). */
async function refusal(statement: PromiseLike<unknown>) {
  try {
    await statement;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? error);
  }
  return 'not refused';
}

describe('the last active admin', () => {
  it('deactivating each other at the same moment: one succeeds, the other is refused with a clear message', async () => {
    for (let round = 0; round < 6; round++) {
      const { first, second, firstId, secondId } = await twoAdmins();
      const results = await Promise.allSettled([
        first.trpc.users.setActive.mutate({ id: secondId, isActive: false }),
        second.trpc.users.setActive.mutate({ id: firstId, isActive: false }),
      ]);
      const refused = results.filter((r) => r.status === 'rejected');
      // Either both ran and the second was refused, or the winner's deactivation already signed the loser out,
      // or took their admin rights just before their own change reached the database (row-level security).
      expect(refused).toHaveLength(1);
      expect(await activeAdmins()).toBe(1);
      const [reason] = refused.map((r) => (r as PromiseRejectedResult).reason);
      const error = await errorOf(Promise.reject(reason));
      expect(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN']).toContain(error.code);
      if (error.code === 'BAD_REQUEST') expect(error.message).toMatch(/at least one active admin/);
      // Back to the harness admin for the next round.
      await t.db.update(systemUsers).set({ isActive: true }).where(eq(systemUsers.id, firstId));
      await t.db.update(systemUsers).set({ isActive: false }).where(eq(systemUsers.id, secondId));
    }
  });

  it('demoting each other at the same moment leaves one admin', async () => {
    for (let round = 0; round < 6; round++) {
      const { first, second, firstId, secondId } = await twoAdmins();
      const [v1, v2] = await Promise.all([userVersion(secondId), userVersion(firstId)]);
      const results = await Promise.allSettled([
        first.trpc.users.update.mutate({ id: secondId, updatedAt: v1, role: 'assistant' }),
        second.trpc.users.update.mutate({ id: firstId, updatedAt: v2, role: 'veterinarian' }),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(await activeAdmins()).toBe(1);
      await t.db
        .update(systemUsers)
        .set({ role: 'admin', isActive: true })
        .where(eq(systemUsers.id, firstId));
      await t.db.update(systemUsers).set({ isActive: false }).where(eq(systemUsers.id, secondId));
    }
  });

  it('the database refuses to leave no active admin, whoever writes (a change made by hand)', async () => {
    expect(await activeAdmins()).toBe(1);
    const adminRow = eq(systemUsers.id, t.users.admin.id);
    expect(await refusal(t.db.update(systemUsers).set({ isActive: false }).where(adminRow))).toMatch(
      /at least one active admin/,
    );
    expect(await refusal(t.db.update(systemUsers).set({ role: 'assistant' }).where(adminRow))).toMatch(
      /at least one active admin/,
    );
    expect(await refusal(t.db.delete(systemUsers).where(adminRow))).toMatch(/at least one active admin/);
    expect(await activeAdmins()).toBe(1);
  });

  it('another admin can still be deactivated while one stays', async () => {
    const { first, secondId } = await twoAdmins();
    await expect(first.trpc.users.setActive.mutate({ id: secondId, isActive: false })).resolves.toMatchObject(
      {
        isActive: false,
      },
    );
    expect(await activeAdmins()).toBe(1);
  });
});
