/**
 * An update that names no field but the version (`{ id, updatedAt }`, or `{ updatedAt }` for one's profile) is
 * answered like any other update: the version check still applies (stale → CONFLICT), a current version gets the
 * row back unchanged, and nothing is written (no audit row). It used to be a 500 ("No values to set").
 */
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import { errorOf, type TestClient } from './support/client';
import { createOwnerWithPet } from './support/fixtures';

let t: TestApp;
let admin: TestClient;
let vet: TestClient;
let assistant: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
  vet = await t.signIn('vet');
  assistant = await t.signIn('assistant');
});
afterAll(() => t.close());

async function auditRows() {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log`);
  return row!.n;
}

/**
 * `empty(version)` sends the update with nothing but the version; `change(version)` makes a real change.
 * Both resolve to the row as the API returns it.
 */
async function expectEmptyUpdateBehaves<R extends { updatedAt: Date }>(
  current: R,
  empty: (updatedAt: Date) => Promise<R>,
  change: (updatedAt: Date) => Promise<R>,
) {
  const before = await auditRows();
  const same = await empty(current.updatedAt);
  expect(same).toEqual(current);
  expect(await auditRows(), 'an update that changes nothing writes no audit row').toBe(before);

  const changed = await change(current.updatedAt);
  expect(changed.updatedAt.getTime()).toBeGreaterThan(current.updatedAt.getTime());
  const stale = await errorOf(empty(current.updatedAt));
  expect(stale.code).toBe('CONFLICT');
  expect(stale.httpStatus).toBe(409);

  const afterChange = await auditRows();
  expect(await empty(changed.updatedAt)).toEqual(changed);
  expect(await auditRows()).toBe(afterChange);
}

describe('an update that changes nothing', () => {
  it('owners.update', async () => {
    const { owner } = await createOwnerWithPet(assistant, '-empty-owner');
    await expectEmptyUpdateBehaves(
      owner,
      (updatedAt) => assistant.trpc.owners.update.mutate({ id: owner.id, updatedAt }),
      (updatedAt) => assistant.trpc.owners.update.mutate({ id: owner.id, updatedAt, notes: 'changed' }),
    );
  });

  it('patients.update', async () => {
    const { patient } = await createOwnerWithPet(assistant, '-empty-patient');
    await expectEmptyUpdateBehaves(
      patient,
      (updatedAt) => assistant.trpc.patients.update.mutate({ id: patient.id, updatedAt }),
      (updatedAt) => assistant.trpc.patients.update.mutate({ id: patient.id, updatedAt, breed: 'Beagle' }),
    );
  });

  it('users.update', async () => {
    const staff = await t.createStaff('assistant');
    const [current] = (await admin.trpc.users.list.query()).filter((u) => u.id === staff.id);
    await expectEmptyUpdateBehaves(
      current!,
      (updatedAt) => admin.trpc.users.update.mutate({ id: staff.id, updatedAt }),
      (updatedAt) => admin.trpc.users.update.mutate({ id: staff.id, updatedAt, fullName: 'Renamed Staff' }),
    );
  });

  it('medicalRecords.amend', async () => {
    const { patient } = await createOwnerWithPet(assistant, '-empty-record');
    const record = await vet.trpc.medicalRecords.create.mutate({ patientId: patient.id, reason: 'Check-up' });
    await expectEmptyUpdateBehaves(
      record,
      (updatedAt) => vet.trpc.medicalRecords.amend.mutate({ id: record.id, updatedAt }),
      (updatedAt) => vet.trpc.medicalRecords.amend.mutate({ id: record.id, updatedAt, findings: 'Healthy' }),
    );
  });

  it('auth.updateProfile', async () => {
    const staff = await t.createStaff('veterinarian');
    const client = t.anonymous();
    await client.trpc.auth.login.mutate({ username: staff.username, password: TEST_PASSWORD });
    const profile = await client.trpc.auth.profile.query();
    await expectEmptyUpdateBehaves(
      profile,
      (updatedAt) => client.trpc.auth.updateProfile.mutate({ updatedAt }),
      (updatedAt) => client.trpc.auth.updateProfile.mutate({ updatedAt, fullName: 'Dr. New Name' }),
    );
  });

  it('an unknown id is NOT_FOUND, as for any update', async () => {
    const missing = await errorOf(
      assistant.trpc.owners.update.mutate({
        id: '5b0c4f8e-2d7a-4c1e-9f3b-8a6d2e1c0b9a',
        updatedAt: new Date(),
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });
});
