import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryBuilder } from '../src/built-query';
import type { Database, DbHandle, Executor } from '../src/client';
import { listOwners, type OwnerListInput, ownerSearch, SearchTerms } from '../src/queries';
import { createTestDb } from '../src/testing';

// The phone search is designed for a clinic group's 200,000 owners: it must be answered from the digit
// indexes, never by reading every owner. Shown here on a few thousand owners with fresh statistics
// (at this size the planner already prefers a scan whenever no index fits).

const OWNERS = 6000;
let handle: DbHandle;
let db: Database;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  // Numbers in four formats, with and without +1; owner g has the digits 555 + 7 digits of g.
  await db.execute(sql`
    insert into owners (first_name, last_name, email, phone)
    select 'Owner' || g, 'Surname' || (g % 500), 'owner' || g || '@plan.example',
           case g % 4
             when 0 then '555 ' || substr(lpad(g::text, 7, '0'), 1, 3) || ' ' || substr(lpad(g::text, 7, '0'), 4)
             when 1 then '+1 555 ' || substr(lpad(g::text, 7, '0'), 1, 3) || ' ' || substr(lpad(g::text, 7, '0'), 4)
             when 2 then '(555) ' || substr(lpad(g::text, 7, '0'), 1, 3) || '-' || substr(lpad(g::text, 7, '0'), 4)
             else '555.' || substr(lpad(g::text, 7, '0'), 1, 3) || '.' || substr(lpad(g::text, 7, '0'), 4)
           end
    from generate_series(1, ${OWNERS}) g`);
  // One pet each, named after its owner's number, for the search by a pet's name.
  await db.execute(sql`
    insert into patients (owner_id, name, species)
    select id, 'Pet' || substr(first_name, 6), 'Dog' from owners where first_name like 'Owner%'`);
  await db.execute(sql`analyze owners`);
  await db.execute(sql`analyze patients`);
});
afterAll(() => handle?.close());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The plans of the search's tiers (tiered-search.ts), first page, as one list of nodes. */
async function planOf(input: OwnerListInput, on: Executor = db): Promise<PlanNode[]> {
  const search = ownerSearch(new SearchTerms(input.search), input);
  const values = { ...search.values, limit: 26 };
  const nodes: PlanNode[] = [];
  for (const tier of search.tiers()) {
    // The tier's statement as it runs: written with placeholders, explained with the search's values bound.
    const select = tier.select(queryBuilder(), null, sql.placeholder('limit'));
    const query = new PgDialect().sqlToQuery(sql`explain (format json) ${select.getSQL()}`);
    const result = (await on._.session.prepareQuery(query, undefined, undefined, false).execute(values)) as
      | Record<string, unknown>[]
      | { rows: Record<string, unknown>[] };
    nodes.push(...tierPlan(Array.isArray(result) ? result : result.rows));
  }
  return nodes;
}

function tierPlan([row]: Record<string, unknown>[]): PlanNode[] {
  const raw = row!['QUERY PLAN'];
  const [top] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  return nodes;
}

describe('the phone digits search plan', () => {
  it.each([
    ['5550004321', 'active'],
    ['(555) 000-4321', 'active'],
    ['+1 555 000 4321', 'all'],
    ['0004321', 'active'],
  ] as const)('%s (%s owners) reads the digits index, not the table', async (search, active) => {
    const input = { search, active, limit: 25 };
    const page = await listOwners(db, input);
    expect(page.items.map((o) => o.firstName)).toEqual(['Owner4321']);
    const nodes = await planOf(input);
    const onOwners = nodes.filter((n) => n['Relation Name'] === 'owners');
    const indexes = nodes.flatMap((n) => n['Index Name'] ?? []);
    expect(indexes, JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name']]))).toEqual(
      expect.arrayContaining(['owners_phone_digits_idx', 'owners_phone_digits_reversed_idx']),
    );
    expect(onOwners.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });
});

describe("the search by a pet's name", () => {
  // At this size the planner prefers reading the small tables whole; with scans priced out it must still find a
  // plan from the indexes alone, which is what it picks at a clinic group's size.
  it('can be answered from the trigram indexes, reading neither table whole', async () => {
    const input = { search: 'pet4321', active: 'all', limit: 25 } as const;
    const page = await listOwners(db, input);
    expect(page.items.map((o) => o.firstName)).toEqual(['Owner4321']);
    expect(page.items[0]!.patients.map((p) => p.name)).toEqual(['Pet4321']);
    const nodes = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return planOf(input, tx);
    });
    const scanned = nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    expect(scanned, JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name']]))).toEqual([]);
    expect(nodes.flatMap((n) => n['Index Name'] ?? [])).toEqual(
      expect.arrayContaining(['patients_name_trgm_idx', 'owners_search_trgm_idx']),
    );
  });
});
