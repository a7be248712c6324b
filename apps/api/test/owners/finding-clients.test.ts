import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// Finding clients (issue 9, flow 1): the owners list shows each owner's pets and finds an owner by a pet's name;
// both the owners list and the patients search (Ctrl+K) find by phone in any format, email and names.

let t: TestApp;
let assistant: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  assistant = await t.signIn('assistant');
  const marta = await assistant.trpc.owners.create.mutate({
    firstName: 'Marta',
    lastName: 'Quillfeather',
    email: 'marta.q@example.org',
    phone: '555 810 4477',
  });
  const ben = await assistant.trpc.owners.create.mutate({
    firstName: 'Ben',
    lastName: 'Zanzibar',
    phone: '+1 555 810 9900',
  });
  for (const name of ['Waffles', 'Biscotti']) {
    await assistant.trpc.patients.create.mutate({ ownerId: marta.id, name, species: 'Dog' });
  }
  await assistant.trpc.patients.create.mutate({ ownerId: ben.id, name: 'Quill', species: 'Cat' });
});
afterAll(() => t.close());

const owners = async (search: string) =>
  (await assistant.trpc.owners.list.query({ search, active: 'all' })).items.map((o) => o.lastName).sort();
const pets = async (search: string) =>
  (await assistant.trpc.patients.list.query({ search, active: 'all' })).items.map((p) => p.name).sort();

describe('finding clients', () => {
  it("the owners list carries each owner's pets, by name, with the count", async () => {
    const page = await assistant.trpc.owners.list.query({ search: 'Quillfeather' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.patients.map((p) => p.name)).toEqual(['Biscotti', 'Waffles']);
    expect(page.items[0]!.patientCount).toBe(2);
    const none = await assistant.trpc.owners.create.mutate({
      firstName: 'No',
      lastName: 'Petsson',
      phone: '555 000 1212',
    });
    const [petless] = (await assistant.trpc.owners.list.query({ search: 'Petsson' })).items;
    expect(petless).toMatchObject({ id: none.id, patientCount: 0, patients: [] });
  });

  it("owners.list finds an owner by a pet's name, as well as by name, email and phone in any format", async () => {
    expect(await owners('waffles')).toEqual(['Quillfeather']);
    // "Quill" is Ben's cat and part of Marta's surname: both owners.
    expect(await owners('quill')).toEqual(['Quillfeather', 'Zanzibar']);
    expect(await owners('marta.q@example')).toEqual(['Quillfeather']);
    expect(await owners('Marta Quillfeather')).toEqual(['Quillfeather']);
    expect(await owners('(555) 810-4477')).toEqual(['Quillfeather']);
    expect(await owners('5558109900')).toEqual(['Zanzibar']);
    expect(await owners('no-such-anything')).toEqual([]);
  });

  it("patients.list (Ctrl+K) finds an owner's pets by the phone in any format, email and owner name", async () => {
    expect(await pets('5558104477')).toEqual(['Biscotti', 'Waffles']);
    expect(await pets('+1 (555) 810-4477')).toEqual(['Biscotti', 'Waffles']);
    expect(await pets('555.810.9900')).toEqual(['Quill']);
    expect(await pets('marta.q@example.org')).toEqual(['Biscotti', 'Waffles']);
    expect(await pets('zanzibar')).toEqual(['Quill']);
    expect(await pets('biscotti')).toEqual(['Biscotti']);
  });
});
