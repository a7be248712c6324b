import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listOwners, listPatients } from '../src/queries';
import { createTestDb } from '../src/testing';

// Issue 12: a search lists the exact and prefix matches first (surname, then first name, then email), the
// fuzzy ones after (a word inside a name, a pet's name, a typo); paging walks through all of them once.

let handle: DbHandle;
let db: Database;

const OWNERS: [first: string, last: string, email: string | null][] = [
  ['Emma', 'Johnson', 'emma.johnson@example.org'],
  ['Liam', 'Johnston', null],
  ['John', 'Abbott', 'jabbott@example.org'],
  ['Johnny', 'Zeller', null],
  ['Ava', 'Littlejohn', null], // "john" inside the surname: fuzzy
  ['Mia', 'Smith', 'johnsmith.mia@example.org'], // "john" starts the email only
  ['Zoe', 'Baker', null], // owns a dog named Johnny Cash
];

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  for (const [i, [first, last, email]] of OWNERS.entries()) {
    await db.execute(sql`insert into owners (first_name, last_name, email, phone)
      values (${first}, ${last}, ${email}, ${`555 010 ${String(1000 + i)}`})`);
  }
  await db.execute(sql`insert into patients (owner_id, name, species)
    select id, 'Johnny Cash', 'Dog' from owners where last_name = 'Baker'`);
  await db.execute(sql`insert into patients (owner_id, name, species)
    select id, 'Rex', 'Dog' from owners where last_name = 'Johnson'`);
});
afterAll(() => handle?.close());

const ownerNames = async (search: string, limit = 50) =>
  (await listOwners(db, { search, active: 'all', limit })).items.map((o) => `${o.firstName} ${o.lastName}`);

describe('owner search relevance', () => {
  it('lists surname prefixes, then first-name prefixes, then email prefixes, then the fuzzy matches', async () => {
    expect(await ownerNames('john')).toEqual([
      'Emma Johnson',
      'Liam Johnston',
      'John Abbott',
      'Johnny Zeller',
      'Mia Smith',
      // fuzzy, by surname: a pet's name, inside a surname
      'Zoe Baker',
      'Ava Littlejohn',
    ]);
  });

  it('matches a full name either way round, and a surname a typo away only when nothing matches as typed', async () => {
    expect(await ownerNames('Emma Johnson')).toEqual(['Emma Johnson']);
    expect(await ownerNames('johnson emma')).toEqual(['Emma Johnson']);
    // Nobody is named Jonson: Emma Johnson is a typo away. Once a name matches as typed, typos are not shown.
    expect(await ownerNames('Jonson')).toEqual(['Emma Johnson']);
    expect(await ownerNames('Johnson')).toEqual(['Emma Johnson']);
    expect(await ownerNames('no-such-anything')).toEqual([]);
  });

  it('pages through every tier once, in the same order as one long page', async () => {
    const all = await ownerNames('john');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listOwners>> = await listOwners(db, {
        search: 'john',
        active: 'all',
        limit: 2,
        cursor,
      });
      paged.push(...page.items.map((o) => `${o.firstName} ${o.lastName}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });
});

describe('patient search relevance', () => {
  it('lists pets named with the prefix first, then the pets of owners named so, then the fuzzy rest', async () => {
    const page = await listPatients(db, { search: 'john', active: 'all', limit: 50 });
    expect(page.items.map((p) => `${p.name} (${p.ownerName})`)).toEqual([
      'Johnny Cash (Zoe Baker)',
      'Rex (Emma Johnson)',
    ]);
  });

  it('pages through the tiers once', async () => {
    const first = await listPatients(db, { search: 'john', active: 'all', limit: 1 });
    const second = await listPatients(db, {
      search: 'john',
      active: 'all',
      limit: 1,
      cursor: first.nextCursor,
    });
    expect([...first.items, ...second.items].map((p) => p.name)).toEqual(['Johnny Cash', 'Rex']);
    expect(second.nextCursor).toBeNull();
  });
});
