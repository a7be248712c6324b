import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listOwners, listOwnersQuery, type OwnerListInput } from '../src/queries';
import { queryRows } from '../src/raw';
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
  await db.execute(sql`analyze owners`);
});
afterAll(() => handle?.close());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

async function planOf(input: OwnerListInput): Promise<PlanNode[]> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json) ${listOwnersQuery(db, input)}`,
  );
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
