import { auditLog } from '@vetflow/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf } from '../support/client';
import { expectFieldRefusal } from '../support/refusal';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('own profile', () => {
  it('anyone corrects their own name and email, audited as themselves; role stays untouched', async () => {
    const assistant = await t.signIn('assistant');
    const profile = await assistant.trpc.auth.profile.query();
    expect(profile).toMatchObject({ username: 'assistant', role: 'assistant' });
    const updated = await assistant.trpc.auth.updateProfile.mutate({
      updatedAt: profile.updatedAt,
      fullName: 'Samantha Assistant',
      email: 'sam@clinic.test',
    });
    expect(updated).toMatchObject({
      fullName: 'Samantha Assistant',
      email: 'sam@clinic.test',
      role: 'assistant',
    });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, t.users.assistant.id), eq(auditLog.action, 'update')));
    expect(rows.at(-1)).toMatchObject({
      userId: t.users.assistant.id,
      changedFields: ['email', 'full_name'],
    });
  });

  it('refuses a role or a stale version, and a taken email names the field', async () => {
    const vet = await t.signIn('vet');
    const profile = await vet.trpc.auth.profile.query();
    const withRole = await errorOf(
      vet.trpc.auth.updateProfile.mutate({ updatedAt: profile.updatedAt, role: 'admin' } as never),
    );
    expect(withRole.code).toBe('BAD_REQUEST');
    const taken = await errorOf(
      vet.trpc.auth.updateProfile.mutate({ updatedAt: profile.updatedAt, email: 'admin@clinic.test' }),
    );
    expectFieldRefusal(taken.data, {
      code: 'CONFLICT',
      field: 'email',
      message: 'Another staff account already uses this email',
    });
    expect(taken.data.details).toEqual({ kind: 'constraint', constraint: 'system_users_email_key' });
    const stale = await errorOf(
      vet.trpc.auth.updateProfile.mutate({ updatedAt: new Date('2020-01-01'), fullName: 'Dr. V.' }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect((await vet.trpc.auth.profile.query()).role).toBe('veterinarian');
  });
});
