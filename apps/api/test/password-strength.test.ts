/**
 * Trivially guessable passwords used to pass (`Password1234!`, `iloveyou1234`, `aaaaaaaaaaaa`, twelve spaces).
 * Every place a password is chosen (auth.changePassword, users.create, users.resetPassword) applies the shared
 * rule: zxcvbn with its dictionaries and the account's own words must score it at least 3. A refusal names the
 * field and carries zxcvbn's feedback; nothing changes.
 */
import { queryRows } from '@vetflow/db';
import { createTestDb } from '@vetflow/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import { errorOf, type TestClient } from './support/client';
import { expectFieldRefusal } from './support/refusal';

const WEAK = ['Password1234!', 'iloveyou1234', 'aaaaaaaaaaaa', ' '.repeat(12)];
const STRONG = 'lantern-orbit-meadow-4417';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

async function hashOf(userId: string) {
  const [row] = await queryRows<{ hash: string }>(
    t.db,
    sql`select password_hash as hash from system_users where id = ${userId}`,
  );
  return row?.hash;
}

async function userCount() {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from system_users`);
  return row!.n;
}

/** BAD_REQUEST with zxcvbn's feedback as the message and as the one issue, on `field`. */
function expectWeakPasswordRefusal(error: Awaited<ReturnType<typeof errorOf>>, field: string) {
  expect(error.httpStatus).toBe(400);
  expectFieldRefusal(error.data, {
    code: 'BAD_REQUEST',
    field,
    message: /^(Too easy to guess\. .+|Must not contain the username\.)/,
  });
  expect(error.message).toBe(error.data.message);
  expect(error.data.details).toBeUndefined();
}

/** A fresh account signed in with TEST_PASSWORD. */
async function freshStaff() {
  const user = await t.createStaff();
  const client = t.anonymous();
  await client.trpc.auth.login.mutate({ username: user.username, password: TEST_PASSWORD });
  return { user, client };
}

describe('auth.changePassword', () => {
  it.each(WEAK)('refuses %j with feedback naming newPassword, and keeps the old one', async (weak) => {
    const { user, client } = await freshStaff();
    const before = await hashOf(user.id);
    expectWeakPasswordRefusal(
      await errorOf(
        client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: weak }),
      ),
      'newPassword',
    );
    expect(await hashOf(user.id)).toBe(before);
  });

  it("refuses a password built from the account's own words (name, email)", async () => {
    const { user, client } = await freshStaff();
    // createStaff: username staffN, email staffN@clinic.test, full name "Staff N".
    const number = user.username.replace('staff', '');
    for (const own of [
      `clinic.test${number}`,
      `${user.username}@clinic`,
      `${user.username}clinic`,
      'clinictest2024',
    ]) {
      expectWeakPasswordRefusal(
        await errorOf(
          client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: own }),
        ),
        'newPassword',
      );
    }
  });

  it('accepts a strong one', async () => {
    const { user, client } = await freshStaff();
    await client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: STRONG });
    await t.anonymous().trpc.auth.login.mutate({ username: user.username, password: STRONG });
  });
});

describe('users.create', () => {
  const account = (username: string, password: string) => ({
    username,
    email: `${username}@happypaws.example`,
    fullName: 'Vera Vet',
    role: 'veterinarian' as const,
    password,
  });

  it.each(WEAK)('refuses %j with feedback naming password, and creates no one', async (weak) => {
    const before = await userCount();
    expectWeakPasswordRefusal(
      await errorOf(admin.trpc.users.create.mutate(account('vera.vet', weak))),
      'password',
    );
    expect(await userCount()).toBe(before);
  });

  it("refuses a password built from the new account's username, email and clinic domain", async () => {
    for (const own of ['vera.vet2024!', 'happypaws2024', 'happypawsvera1', 'happypaws.example']) {
      expectWeakPasswordRefusal(
        await errorOf(admin.trpc.users.create.mutate(account('vera.vet', own))),
        'password',
      );
    }
  });

  it('accepts a strong one', async () => {
    const user = await admin.trpc.users.create.mutate(account('otto.other', STRONG));
    expect(user.username).toBe('otto.other');
  });
});

describe('users.resetPassword', () => {
  it.each(WEAK)('refuses %j with feedback naming newPassword', async (weak) => {
    const user = await t.createStaff();
    const before = await hashOf(user.id);
    expectWeakPasswordRefusal(
      await errorOf(admin.trpc.users.resetPassword.mutate({ id: user.id, newPassword: weak })),
      'newPassword',
    );
    expect(await hashOf(user.id)).toBe(before);
  });

  it("judges the password against the target account's words, not the admin's", async () => {
    const user = await t.createStaff();
    expectWeakPasswordRefusal(
      await errorOf(
        admin.trpc.users.resetPassword.mutate({ id: user.id, newPassword: `${user.username}-password` }),
      ),
      'newPassword',
    );
  });

  it('accepts a strong one', async () => {
    const user = await t.createStaff();
    await admin.trpc.users.resetPassword.mutate({ id: user.id, newPassword: STRONG });
    await t.anonymous().trpc.auth.login.mutate({ username: user.username, password: STRONG });
  });
});

describe('VETFLOW_ADMIN_PASSWORD', () => {
  it('a guessable first admin password stops the start with a clear message, and creates no one', async () => {
    const handle = await createTestDb();
    try {
      const config = loadConfig({ NODE_ENV: 'test', VETFLOW_ADMIN_PASSWORD: 'Password1234!' });
      await expect(bootstrapDatabase(handle, config)).rejects.toThrow(
        /^VETFLOW_ADMIN_PASSWORD is refused: Too easy to guess\./,
      );
      const [row] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from system_users`,
      );
      expect(row!.n).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
