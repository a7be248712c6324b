import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { errorOf } from './support/client';
import { createOwnerWithPet } from './support/fixtures';
import { expectRefusal } from './support/refusal';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('no lost updates', () => {
  it('two users load a patient and both save: the second gets CONFLICT naming the first, nothing is lost', async () => {
    const assistant = await t.signIn('assistant');
    const vet = await t.signIn('vet');
    const { patient } = await createOwnerWithPet(assistant);
    const seenByAssistant = await assistant.trpc.patients.get.query({ id: patient.id });
    const seenByVet = await vet.trpc.patients.get.query({ id: patient.id });

    await assistant.trpc.patients.update.mutate({
      id: patient.id,
      updatedAt: seenByAssistant.updatedAt,
      breed: 'Beagle',
    });
    const conflict = await errorOf(
      vet.trpc.patients.update.mutate({ id: patient.id, updatedAt: seenByVet.updatedAt, weightKg: 23 }),
    );

    const refusal = expectRefusal(conflict.data, {
      code: 'CONFLICT',
      message: /^This patient was changed by Sam Assistant at \d{4}-\d\d-\d\dT.+ since you opened it$/,
    });
    expect(refusal.details).toEqual({
      kind: 'stale_edit',
      current: expect.objectContaining({ id: patient.id, breed: 'Beagle', weightKg: 21.5 }),
      changedBy: 'Sam Assistant',
      changedAt: expect.any(Date),
    });
    const now = await vet.trpc.patients.get.query({ id: patient.id });
    expect(now.breed).toBe('Beagle');
    expect(now.weightKg).toBe(21.5);

    // Saving again on top of the version just read succeeds.
    const saved = await vet.trpc.patients.update.mutate({
      id: patient.id,
      updatedAt: now.updatedAt,
      weightKg: 23,
    });
    expect(saved).toMatchObject({ breed: 'Beagle', weightKg: 23 });
  });

  it('owners and staff accounts are protected the same way', async () => {
    const assistant = await t.signIn('assistant');
    const admin = await t.signIn('admin');
    const { owner } = await createOwnerWithPet(assistant, '-2');
    await assistant.trpc.owners.update.mutate({ id: owner.id, updatedAt: owner.updatedAt, notes: 'first' });
    const ownerConflict = await errorOf(
      admin.trpc.owners.update.mutate({ id: owner.id, updatedAt: owner.updatedAt, notes: 'second' }),
    );
    expect(ownerConflict.code).toBe('CONFLICT');

    const [staff] = (await admin.trpc.users.list.query()).filter((u) => u.username === 'vet2');
    await admin.trpc.users.update.mutate({
      id: staff!.id,
      updatedAt: staff!.updatedAt,
      fullName: 'Dr. Otto Other-Smith',
    });
    const userConflict = await errorOf(
      admin.trpc.users.update.mutate({ id: staff!.id, updatedAt: staff!.updatedAt, fullName: 'Dr. O.' }),
    );
    expect(userConflict.code).toBe('CONFLICT');
    expect(userConflict.message).toMatch(/changed by Ada Admin/);
  });

  it('an update changes only the fields it names (sex, neutered and allergies survive a breed change)', async () => {
    const assistant = await t.signIn('assistant');
    const { owner } = await createOwnerWithPet(assistant, '-partial');
    const created = await assistant.trpc.patients.create.mutate({
      ownerId: owner.id,
      name: 'Luna',
      species: 'Cat',
      sex: 'female',
      neutered: true,
      allergies: [{ allergen: 'Latex', severity: 'mild' }],
    });
    const updated = await assistant.trpc.patients.update.mutate({
      id: created.id,
      updatedAt: created.updatedAt,
      breed: 'Siamese',
    });
    expect(updated).toMatchObject({ breed: 'Siamese', sex: 'female', neutered: true });
    expect(updated.allergies).toEqual([{ allergen: 'Latex', severity: 'mild' }]);
  });

  it('an unknown id is NOT_FOUND, not a conflict', async () => {
    const assistant = await t.signIn('assistant');
    const error = await errorOf(
      assistant.trpc.owners.update.mutate({
        id: '00000000-0000-4000-8000-000000000001',
        updatedAt: new Date(),
        notes: 'x',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });
});
