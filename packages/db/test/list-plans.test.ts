import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listAppointments, listAudit, listOwners, listPatients, listRecordsForPatient } from '../src/queries';
import { queryRows } from '../src/raw';
import { createTestDb } from '../src/testing';
import { recordingHandle } from './helpers';

// The EXPLAIN guard (issue 12): no list or search query reads a big table (owners, patients, appointments,
// medical_records, audit_log) from end to end. Each query function runs once on a recording connection; every
// statement it sent is then EXPLAINed as sent, with its parameters, on both engines.
//
// Why not `enable_seqscan = off`: it prices every scan of a whole table out, including the ones PostgreSQL
// would rightly pick at a clinic group's size, so it proves only that some index plan exists. Instead the
// planner is shown tables as large on disk as a clinic group's: the big tables are filled at fillfactor 10
// (a tenth of each page used), so a few thousand rows take the pages of ten times as many, and a sequential
// scan costs what it would there, while the rows stay few enough to load in seconds on both engines. With
// fresh statistics (ANALYZE) the plans are then the ones the planner makes at that size; a Seq Scan left in a
// plan means no index fits, or one costs more than reading the table whole. The search words below are the
// data's most common prefixes, the case issue 12 measured, and the fuzzy fallbacks.

const BIG = ['owners', 'patients', 'appointments', 'medical_records', 'audit_log'];
/** The big tables and their partitions (EXPLAIN names the partition it scans). */
const bigRelations = new Set(BIG);
const OWNERS = 20000;
let handle: DbHandle;
let db: Database;
let vetId: string;
let patientId: string;
const recorded: { query: string; params: unknown[] }[] = [];
let recordingDb: Database;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  // audit_log is partitioned by month (migration 0021): a year of months, so the timeline and a record's trail
  // are planned across partitions; storage parameters go on the partitions (the leaves), and a scan of any
  // partition counts as a scan of its table.
  await db.execute(sql`select vetflow_ensure_audit_partitions(3, now() - interval '12 months')`);
  const leaves = await queryRows<{ leaf: string }>(
    db,
    sql`select relid::regclass::text as leaf from pg_partition_tree('audit_log') where isleaf`,
  );
  for (const leaf of [...BIG.filter((t) => t !== 'audit_log'), ...leaves.map((l) => l.leaf)]) {
    await db.execute(sql.raw(`alter table ${leaf} set (fillfactor = 10)`));
    bigRelations.add(leaf);
  }
  await db.execute(sql`insert into system_users (username, email, full_name, role, password_hash)
    values ('planvet', 'planvet@plan.example', 'Dr. Plan', 'veterinarian', 'x')`);
  vetId = (
    await queryRows<{ id: string }>(db, sql`select id from system_users where username = 'planvet'`)
  )[0]!.id;
  // Surnames skewed like real ones (a few very common, a long tail), pets' names too, phones in four formats.
  await db.execute(sql`
    insert into owners (first_name, last_name, email, phone)
    select (array['John','Emma','Olivia','Liam','Mia','Noah'])[1 + g % 6],
           case when g % 10 < 3 then (array['Smith','Johnson','Garcia'])[1 + g % 3] else 'Tail' || g end,
           'owner' || g || '@plan.example',
           case g % 4 when 0 then '555 ' when 1 then '+1 555 ' when 2 then '(555) ' else '555.' end
             || lpad(g::text, 7, '0')
    from generate_series(1, ${OWNERS}) g`);
  await db.execute(sql`
    insert into patients (owner_id, name, species, microchip_id)
    select id, case when n % 20 = 0 then 'Bella' else 'Pet' || n end, 'Dog', '985' || lpad(n::text, 12, '0')
    from (select id, row_number() over (order by id) n from owners) o`);
  patientId = (await queryRows<{ id: string }>(db, sql`select id from patients limit 1`))[0]!.id;
  // One vet's full days, a slot each half hour, over a year; two visits per pet.
  await db.execute(sql`
    insert into appointments (patient_id, veterinarian_id, starts_at, ends_at, reason)
    select p.id, ${vetId}, s, s + interval '30 minutes', 'Check-up'
    from (select date_trunc('day', now()) - interval '200 days' + (i / 16) * interval '1 day'
                 + interval '8 hours' + (i % 16) * interval '30 minutes' s, i
          from generate_series(0, 16 * 365 - 1) i) t
    join (select id, row_number() over (order by id) - 1 n from patients) p on p.n = t.i % ${OWNERS}`);
  await db.execute(sql`
    insert into medical_records (patient_id, veterinarian_id, visited_at, reason)
    select id, ${vetId}, now() - k * interval '100 days', 'Exam' from patients, generate_series(1, 2) k`);
  // A year of older audit rows about the pets, spread over the months' partitions.
  await db.execute(sql`
    insert into audit_log (occurred_at, action, table_name, record_id, new_values)
    select now() - (k * 7 + n % 7) * interval '1 day', 'update', 'patients', id, '{"name":"x"}'
    from (select id, row_number() over (order by id) n from patients) p, generate_series(1, 50) k
    where n % 10 = 0`);
  for (const table of BIG) await db.execute(sql.raw(`analyze ${table}`));
  // A partition that holds no row (the months ahead, the DEFAULT partition) is read in no time whatever the
  // plan: the planner rightly scans it instead of descending an index. It is no big table.
  const empty = await queryRows<{ leaf: string }>(
    db,
    sql`select relid::regclass::text as leaf from pg_partition_tree('audit_log') t join pg_class c on c.oid = t.relid
         where t.isleaf and c.relpages = 0`,
  );
  for (const { leaf } of empty) bigRelations.delete(leaf);
  // Every statement the functions send, as sent (drizzle's logger on a second handle over the same client).
  recordingDb = recordingHandle(handle, (query, params) => recorded.push({ query, params }));
}, 120_000);
afterAll(() => handle?.close());

/** The scans of every statement `run` sends: [node type, relation]. */
async function scansOf(run: (db: Database) => Promise<unknown>) {
  recorded.length = 0;
  await run(recordingDb);
  const statements = [...recorded];
  const scans: [string, string, string][] = [];
  for (const { query, params } of statements) {
    const rows = await explain(query, params);
    const walk = (node: PlanNode) => {
      if (node['Relation Name']) scans.push([node['Node Type'], node['Relation Name'], query]);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(rows.Plan);
  }
  return { statements: statements.length, scans };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

async function explain(query: string, params: unknown[]): Promise<{ Plan: PlanNode }> {
  const client = (db as unknown as { $client: unknown }).$client;
  const text = `explain (format json) ${query}`;
  const rows =
    handle.kind === 'postgres'
      ? await (client as { unsafe: (q: string, p: unknown[]) => Promise<Record<string, unknown>[]> }).unsafe(
          text,
          params,
        )
      : (
          await (
            client as { query: (q: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }
          ).query(text, params)
        ).rows;
  const raw = rows[0]!['QUERY PLAN'];
  return ((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0];
}

const day = () => {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  return { from, to: new Date(from.getTime() + 86_400_000) };
};

const QUERIES: [string, (db: Database) => Promise<unknown>][] = [
  ['owners, first page', (d) => listOwners(d, { active: 'active', limit: 25 })],
  ...[
    'Smi',
    'John',
    'Garc',
    'Emma Johnson',
    'owner12@plan',
    '(555) 000-4321',
    'Jonson',
    'Pet4321',
    'zzqx',
  ].map((search): [string, (db: Database) => Promise<unknown>] => [
    `owners search "${search}"`,
    (d) => listOwners(d, { search, active: 'active', limit: 25 }),
  ]),
  ['patients, first page', (d) => listPatients(d, { active: 'active', limit: 25 })],
  ...['Bel', 'Smith', 'John', '985000000000042', '555 000 0042', 'zzqx'].map(
    (search): [string, (db: Database) => Promise<unknown>] => [
      `patients search "${search}"`,
      (d) => listPatients(d, { search, active: 'active', limit: 25 }),
    ],
  ),
  ["a vet's day", (d) => listAppointments(d, { ...day(), veterinarianId: vetId, includeCancelled: false })],
  ['the clinic, one day', (d) => listAppointments(d, { ...day(), includeCancelled: false })],
  ["a patient's history", (d) => listRecordsForPatient(d, patientId)],
  ['audit timeline, first page', (d) => listAudit(d, { limit: 50 })],
  ["a record's audit trail", (d) => listAudit(d, { tableName: 'patients', recordId: patientId, limit: 50 })],
];

describe('list and search plans', () => {
  it.each(QUERIES)('%s reads no big table sequentially', async (_, run) => {
    const { statements, scans } = await scansOf(run);
    expect(statements).toBeGreaterThan(0);
    const sequential = scans.filter(([type, table]) => type === 'Seq Scan' && bigRelations.has(table));
    // The message names the statement that scans.
    expect(sequential).toEqual([]);
  });
});
