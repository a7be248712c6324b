/**
 * The search at a clinic group's scale (issue 12), on a dataset already in BENCH_DATABASE_URL (`pnpm bench
 * --scale 1` builds one and ends with this step; `pnpm --filter @vetflow/db bench:search` runs it alone):
 *
 * - one request at a time: median and p95 of owners.list / patients.list searches for the most common words
 *   (target: p95 ≤ 20 ms for the common prefixes);
 * - 32 connections: requests per second through the query functions (Drizzle) against the very same SQL
 *   statements sent through postgres.js (target ≥ 0.8×);
 * - plan stability: ANALYZE draws a new statistics sample; after each of several, the plan and time of every
 *   statement of a common search.
 */
import * as schema from '@vetflow/schema';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from '../src/client';
import { preparedByDefault } from '../src/prepared-client';
import { listOwners, listPatients } from '../src/queries';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Rounds per side of the 32-connection comparison, alternating. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 32;
const TARGET_P95_MS = 20;
const TARGET_RATIO = 0.8;

interface SearchCase {
  name: string;
  common: boolean;
  run: (db: Database) => Promise<unknown>;
}

const owner = (search: string, common = true): SearchCase => ({
  name: `owners "${search}"`,
  common,
  run: (db) => listOwners(db, { search, active: 'active', limit: 25 }),
});
const patient = (search: string, common = true): SearchCase => ({
  name: `patients "${search}"`,
  common,
  run: (db) => listPatients(db, { search, active: 'active', limit: 25 }),
});

/** The most common surname, first-name and pet-name prefixes of the generated data, and the other kinds. */
const CASES: SearchCase[] = [
  owner('Smi'),
  owner('John'),
  owner('Garc'),
  owner('Mar'),
  owner('Will'),
  owner('Brown'),
  owner('Emma Johnson'),
  owner('emma.johnson', false),
  owner('(555) 000-4321', false),
  owner('Jonson', false),
  patient('Bel'),
  patient('Max'),
  patient('Luna'),
  patient('Smith'),
  patient('John'),
  patient('985000000004321', false),
];
const THROUGHPUT = ['owners "Smi"', 'owners "John"', 'patients "Bel"'];
const STABILITY = ['owners "Smi"', 'owners "John"', 'owners "Mar"', 'patients "Bel"', 'patients "Smith"'];

interface Statement {
  query: string;
  params: unknown[];
}

export async function searchBench(url: string): Promise<number> {
  const client = postgres(url, { max: CONNECTIONS, onnotice: () => {} });
  let recording: Statement[] | null = null;
  // The query functions through the client as the app builds it (createDb): Drizzle's statements prepared, as the
  // raw side's are. (Without it Drizzle sends them unprepared: two round trips each, parsed and planned each time.)
  const db = drizzle({
    client: preparedByDefault(client),
    schema,
    logger: { logQuery: (query, params) => recording?.push({ query, params }) },
  }) as unknown as Database;
  let missed = 0;
  try {
    // The statements one request sends, recorded once, to replay them through postgres.js alone.
    const statements = new Map<string, Statement[]>();
    for (const c of CASES) {
      recording = [];
      await c.run(db);
      statements.set(c.name, recording);
      recording = null;
    }

    console.log(
      `search, one request at a time (${RUNS} runs; target p95 ≤ ${TARGET_P95_MS} ms for common prefixes):`,
    );
    for (const c of CASES) {
      const samples: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const started = performance.now();
        await c.run(db);
        if (i >= 3) samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
      const slow = c.common && at(0.95) > TARGET_P95_MS;
      if (slow) missed++;
      console.log(
        `${slow ? 'SLOW' : c.common ? 'ok  ' : '    '} ${c.name.padEnd(32)} median ${at(0.5).toFixed(1).padStart(7)} ms  p95 ${at(0.95).toFixed(1).padStart(7)} ms  (${statements.get(c.name)!.length} statements)`,
      );
    }

    console.log(
      `search at ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per side (target ≥ ${TARGET_RATIO}× raw postgres.js):`,
    );
    for (const name of THROUGHPUT) {
      const c = CASES.find((x) => x.name === name)!;
      const recorded = statements.get(name)!;
      const sides = [
        () => c.run(db),
        async () => {
          for (const s of recorded) await client.unsafe(s.query, s.params as never[], { prepare: true });
        },
      ];
      // Rounds alternate (function, raw, function, raw…) and each side's mean is compared: on a shared machine a
      // side measured always first or always alone would carry whatever the machine was doing then.
      for (const side of sides) await warm(side);
      const totals = [0, 0];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, side] of sides.entries()) totals[i] = (totals[i] ?? 0) + (await throughput(side));
      }
      const [viaFunction, raw] = totals.map((total) => total / ROUNDS) as [number, number];
      const ratio = viaFunction / raw;
      if (ratio < TARGET_RATIO) missed++;
      console.log(
        `${ratio < TARGET_RATIO ? 'SLOW' : 'ok  '} ${name.padEnd(32)} function ${Math.round(viaFunction)} req/s, raw SQL ${Math.round(raw)} req/s: ${ratio.toFixed(2)}×`,
      );
    }

    console.log(
      'plan stability: after each ANALYZE, every statement of the search (plan: scans and indexes; time):',
    );
    for (let round = 1; round <= 5; round++) {
      await client`analyze owners`;
      await client`analyze patients`;
      const lines: string[] = [];
      for (const name of STABILITY) {
        let total = 0;
        const plans: string[] = [];
        for (const s of statements.get(name)!) {
          const [row] = await client.unsafe(`explain (analyze, format json) ${s.query}`, s.params as never[]);
          const [explained] = row!['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number }];
          total += explained['Execution Time'];
          plans.push(signature(explained.Plan));
        }
        lines.push(`    ${name.padEnd(20)} ${total.toFixed(1).padStart(6)} ms  ${plans.join(' | ')}`);
      }
      console.log(`  ANALYZE #${round}\n${lines.join('\n')}`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
  return missed;
}

/**
 * Waves of CONNECTIONS requests at once, so that every pooled connection has prepared the statements and run them
 * past PostgreSQL's first five (custom) plans before anything is measured. Both sides send the same statement
 * texts through the one pool, so they share the prepared statements: one side must not pay for the other's.
 */
async function warm(request: () => Promise<unknown>) {
  for (let wave = 0; wave < 8; wave++) await Promise.all(Array.from({ length: CONNECTIONS }, request));
}

/** Requests per second with CONNECTIONS requests always in flight. */
async function throughput(request: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        await request();
        done++;
      }
    }),
  );
  return (done / (performance.now() - started)) * 1000;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The scans of a plan, in order: "Index Scan owners_search_last_first_idx", "Seq Scan owners"… */
function signature(plan: PlanNode): string {
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Index Name'] || node['Relation Name']) {
      scans.push(`${node['Node Type']} ${node['Index Name'] ?? node['Relation Name']}`);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return scans.join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL: a database built by `pnpm bench --scale <n>`');
  process.exitCode = (await searchBench(url)) ? 1 : 0;
}
