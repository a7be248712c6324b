import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// Reception types the number the caller reads out, in whatever format (issue 9, bug 7): owners.list (the owners
// page and the Ctrl+K search both call it) finds the owner by the number's digits.

let t: TestApp;
let assistant: TestClient;
const ids: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  assistant = await t.signIn('assistant');
  for (const [lastName, phone] of [
    ['Novak', '555 170 2370'],
    ['Williams', '+1 555 170 2370'],
    ['Taylor', '555 170 2371'],
  ]) {
    const owner = await assistant.trpc.owners.create.mutate({
      firstName: 'Pat',
      lastName: lastName!,
      phone: phone!,
    });
    ids.push(owner.id);
  }
});
afterAll(() => t.close());

describe('owners.list by phone', () => {
  it.each(['5551702370', '+15551702370', '555-170-2370', '(555) 170-2370', '+1 555 170 2370'])(
    '%s finds the owners with that number, stored with or without +1',
    async (search) => {
      const page = await assistant.trpc.owners.list.query({ search, active: 'all', limit: 6 });
      expect(page.items.map((o) => o.lastName).sort()).toEqual(['Novak', 'Williams']);
    },
  );

  it('a name search is unchanged', async () => {
    const page = await assistant.trpc.owners.list.query({ search: 'taylor' });
    expect(page.items.map((o) => o.id)).toEqual([ids[2]]);
  });
});
