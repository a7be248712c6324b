import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// The booking dialog's patient picker calls patients.list and says "Type a pet's name or the owner's last name"
// (issue 9, bug 4): an owner's name, email or phone finds their pets, beside the pet's own name and microchip.

let t: TestApp;
let assistant: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  assistant = await t.signIn('assistant');
  const novak = await assistant.trpc.owners.create.mutate({
    firstName: 'Irena',
    lastName: 'Novakova',
    email: 'irena.novakova@example.org',
    phone: '+1 555 300 4000',
  });
  const other = await assistant.trpc.owners.create.mutate({
    firstName: 'Ben',
    lastName: 'Okafor',
    phone: '+1 555 300 5000',
  });
  for (const name of ['Kiwi', 'Pebble']) {
    await assistant.trpc.patients.create.mutate({ ownerId: novak.id, name, species: 'Cat' });
  }
  await assistant.trpc.patients.create.mutate({
    ownerId: other.id,
    name: 'Novakova Junior',
    species: 'Dog',
    microchipId: '985112003004005',
  });
});
afterAll(() => t.close());

const names = async (search: string) =>
  (await assistant.trpc.patients.list.query({ search, active: 'all' })).items.map((p) => p.name).sort();

describe('patients.list search', () => {
  it("finds an owner's pets by the owner's last name, full name or email, and a pet named like it", async () => {
    expect(await names('novakova')).toEqual(['Kiwi', 'Novakova Junior', 'Pebble']);
    expect(await names('Irena Novakova')).toEqual(['Kiwi', 'Pebble']);
    expect(await names('irena.novakova@example')).toEqual(['Kiwi', 'Pebble']);
  });

  it("still finds a pet by its own name or exact microchip, not by another owner's", async () => {
    expect(await names('kiwi')).toEqual(['Kiwi']);
    expect(await names('985112003004005')).toEqual(['Novakova Junior']);
    expect(await names('Okafor')).toEqual(['Novakova Junior']);
    expect(await names('nobody-by-this-name')).toEqual([]);
  });
});
