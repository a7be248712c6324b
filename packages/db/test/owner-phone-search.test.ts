import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listOwners, phoneSearchDigits } from '../src/queries';
import { createTestDb } from '../src/testing';
import { insertOwner } from './helpers';

// Staff type a phone number the way they read it (issue 9, bug 7): whatever the spacing, punctuation or a
// leading +1, the owner whose stored number has those digits is found.

let handle: DbHandle;
let db: Database;

const STORED = {
  plain: '555 170 2370',
  withCountryCode: '+1 555 170 2370',
  other: '(555) 901-4420',
  endsIn12370: '555 201 2370',
};
type Key = keyof typeof STORED;
const ids = {} as Record<Key, string>;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  for (const [key, phone] of Object.entries(STORED) as [Key, string][]) {
    ids[key] = (await insertOwner(db, { phone, lastName: `Phone-${key}` })).id;
  }
});
afterAll(() => handle?.close());

async function found(search: string): Promise<Key[]> {
  const page = await listOwners(db, { search, active: 'all', limit: 100 });
  const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key as Key]));
  return page.items.flatMap((owner) => byId.get(owner.id) ?? []).sort();
}

describe('owner search by phone', () => {
  it.each([
    '5551702370',
    '+15551702370',
    '15551702370',
    '555-170-2370',
    '(555) 170-2370',
    '555.170.2370',
    '+1 (555) 170-2370',
    '+1 555 170 2370',
    '555 170 2370',
    '170-2370',
    '555-170',
    '+1 555 17',
    '(555) 1702',
  ])('%s finds the number stored with and without +1', async (search) => {
    expect(await found(search)).toEqual(['plain', 'withCountryCode']);
  });

  it('the last four digits find every number ending with them', async () => {
    expect(await found('2370')).toEqual(['endsIn12370', 'plain', 'withCountryCode']);
  });

  it('finds the other formats of the other number, and nothing else', async () => {
    expect(await found('5559014420')).toEqual(['other']);
    expect(await found('+1 555-901-4420')).toEqual(['other']);
  });

  it('drops a leading 1 only as a country code: "12370" is the end of a number, not "2370"', async () => {
    expect(await found('12370')).toEqual(['endsIn12370']);
    expect(await found('201-2370')).toEqual(['endsIn12370']);
  });

  it('another country code does not match a US number', async () => {
    expect(await found('+44 555 170 2370')).toEqual([]);
  });

  it('still matches names and words as before', async () => {
    expect(await found('phone-other')).toEqual(['other']);
    expect(await found('Ada phone-plain')).toEqual(['plain']);
  });
});

describe('phoneSearchDigits', () => {
  it.each([
    ['5551702370', '5551702370'],
    ['+15551702370', '5551702370'],
    ['15551702370', '5551702370'],
    ['+1 (555) 170-2370', '5551702370'],
    ['12370', '12370'],
    ['+44 20 7946 0958', '442079460958'],
  ])('%s → %s', (search, digits) => {
    expect(phoneSearchDigits(search)).toBe(digits);
  });

  it.each(['Novak', '555 Main', 'ada@example.com', '123', '+1 555', '', '  '])(
    '%j is no phone search',
    (search) => {
      expect(phoneSearchDigits(search)).toBeNull();
    },
  );
});
