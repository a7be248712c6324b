import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { queryBuilder } from '../src/built-query';
import { ownerSearch, patientSearch, SearchTerms } from '../src/queries';
import type { TieredSearch } from '../src/queries/tiered-search';

/**
 * A search tier's statement is built once per key (tiered-search.ts) and reused for every search with that key,
 * so the key must name everything the statement's text depends on: two searches with one key must build the
 * same text, and only their values may differ. Checked over searches of every kind: names, typos, emails,
 * phone numbers, microchips, several words, accents, and each filter.
 */
const SEARCHES = [
  'Smi',
  'smith',
  'John',
  'Jonson',
  'Emma Johnson',
  'Johnson Emma',
  'al',
  "O'Brien",
  'Anne-Marie',
  'Zoë',
  'marta.q@exa',
  'x@y.z',
  '555 0101',
  '(555) 010-2030',
  '+1 555 010 2030',
  '0004321',
  '12',
  '985000000000001',
  '985112233445566',
  'Bel',
  'Bella Smi',
  'a b c d e',
  'Jonsonn Smithe Wiliams',
  '50%_off',
  'Max 12',
  'Luna',
];
const dialect = new PgDialect();

function texts(search: TieredSearch) {
  return search
    .tiers()
    .flatMap((tier) =>
      [
        null,
        [
          sql.placeholder('after0'),
          sql.placeholder('after1'),
          sql.placeholder('after2'),
          sql.placeholder('after3'),
        ],
      ].map(
        (after) =>
          dialect.sqlToQuery(tier.select(queryBuilder(), after, sql.placeholder('limit')).getSQL()).sql,
      ),
    );
}

describe('search statements by shape', () => {
  it('two searches with one key build the same statements (owners and patients, every filter)', () => {
    const byKey = new Map<string, { search: string; texts: string[] }>();
    let shared = 0;
    for (const active of ['active', 'inactive', 'all'] as const) {
      for (const ownerId of [undefined, '00000000-0000-4000-8000-000000000001']) {
        for (const text of SEARCHES) {
          const terms = new SearchTerms(text);
          const built = [
            ownerSearch(terms, { active }),
            patientSearch(terms, { active, ownerId, search: text }),
          ];
          for (const search of built) {
            const seen = byKey.get(search.key);
            const now = texts(search);
            if (seen) {
              shared++;
              expect(now, `${text} vs ${seen.search} (${search.key})`).toEqual(seen.texts);
            } else byKey.set(search.key, { search: text, texts: now });
          }
        }
      }
    }
    // The check compared something: many searches share a shape.
    expect(shared).toBeGreaterThan(50);
  });

  it('the words travel as values, never in the text', () => {
    const terms = new SearchTerms('Zebulon Quixote');
    const search = ownerSearch(terms, { active: 'active' });
    for (const text of texts(search)) expect(text).not.toMatch(/Zebulon|Quixote/i);
    expect(Object.values(search.values)).toEqual(expect.arrayContaining(['Zebulon', 'Quixote', '%Zebulon%']));
  });
});
