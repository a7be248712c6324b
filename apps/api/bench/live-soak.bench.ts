/**
 * Live updates soak (issue 11: "a soak of 10 minutes with 50 clients and a change every second loses no event").
 * CLIENTS SSE clients (in a worker thread, each signed in as its own vet session) stay subscribed for
 * SOAK_SECONDS while one patient update is committed every second. Each client logs every frame it receives;
 * at the end the bench compares, per client, the versions committed with the versions received (missing,
 * duplicated, out of order), counts resyncs and dropped streams, reports the latency from commit to arrival
 * (p50 / p95 / max over all deliveries) and the API's heap before, each minute and after (after a full GC; the
 * bench runs in the API's process, so each GC pauses it briefly and adds to that moment's latency). Fails when
 * any client missed, duplicated or reordered an event.
 *
 *   SOAK_SECONDS=600 pnpm --filter @vetflow/api bench:live:soak      (CLIENTS=50; DATABASE_URL=postgres://… for
 *   PostgreSQL, else PGlite)
 */
import { Worker } from 'node:worker_threads';
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { startTestApp } from '../test/support/app';
import { createOwnerWithPet } from '../test/support/fixtures';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const now = () => performance.timeOrigin + performance.now();
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMiB = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

interface ClientLog {
  events: { id: string; version: number; at: number }[];
  resyncs: number;
  errors: number;
  opens: number;
}

it(`live updates soak: ${CLIENTS} clients, a change a second for ${SECONDS} s, no event lost`, {
  timeout: (SECONDS + 180) * 1000,
}, async () => {
  const t = await startTestApp({}, { live: { maxPerSession: 64, maxTotal: 100_000 } });
  const assistant = await t.signIn('assistant');
  const { patient } = await createOwnerWithPet(assistant, 'soak');
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) cookies.push((await t.signIn('vet')).cookie()!);

  const worker = new Worker(new URL('./live-soak-clients.mjs', import.meta.url), {
    workerData: { baseUrl: t.baseUrl },
  });
  const reply = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const on = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', on);
        resolve(message as T);
      };
      worker.on('message', on);
    });
  worker.postMessage({ type: 'open', cookies });
  await reply('opened');
  await new Promise((r) => setTimeout(r, 1000));
  const heapBefore = heapMiB();

  // One committed change a second, on a fixed schedule (a slow commit does not shift the ones after it).
  const committed = new Map<number, number>(); // version → when the commit was issued
  const started = now();
  let failedCommits = 0;
  const heapEachMinute: number[] = [];
  for (let second = 0; second < SECONDS; second++) {
    const wait = started + second * 1000 - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const issuedAt = now();
    try {
      const [row] = await queryRows<{ v: string }>(
        t.db,
        sql`update patients set breed = ${`soak ${second}`} where id = ${patient.id}
              returning floor(extract(epoch from updated_at) * 1000)::bigint::text as v`,
      );
      committed.set(Number(row!.v), issuedAt);
    } catch {
      failedCommits++;
    }
    // Each minute the heap after a full GC: growth that levels off is warm-up (the replay ring filling, code
    // compiled); growth every minute would be a leak.
    if (second % 60 === 59) {
      heapEachMinute.push(heapMiB());
      console.log(
        `  soak: ${second + 1} s, ${committed.size} changes committed, heap ${heapEachMinute.at(-1)!.toFixed(1)} MiB`,
      );
    }
  }
  // Let the last event reach everyone.
  await new Promise((r) => setTimeout(r, 3000));
  // Before the clients' logs come over: their copy (50 × 600 entries) is the bench's, not the API's.
  const heapAfter = heapMiB();
  const report = reply<{ clients: ClientLog[] }>('report');
  worker.postMessage({ type: 'report' });
  const { clients } = await report;

  // Per client: what it should have had (every committed version) against what it got.
  const latencies: number[] = [];
  let missing = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let worst = { missing: 0, duplicates: 0 };
  for (const client of clients) {
    const seen = new Map<number, number>();
    let lastSeq = -1;
    for (const event of client.events) {
      seen.set(event.version, (seen.get(event.version) ?? 0) + 1);
      const seq = Number(event.id.slice(event.id.lastIndexOf('-') + 1));
      if (seq <= lastSeq) outOfOrder++;
      lastSeq = seq;
      const issuedAt = committed.get(event.version);
      if (issuedAt !== undefined && seen.get(event.version) === 1) latencies.push(event.at - issuedAt);
    }
    const clientMissing = [...committed.keys()].filter((version) => !seen.has(version)).length;
    const clientDuplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    missing += clientMissing;
    duplicates += clientDuplicates;
    if (clientMissing + clientDuplicates > worst.missing + worst.duplicates)
      worst = { missing: clientMissing, duplicates: clientDuplicates };
  }
  latencies.sort((a, b) => a - b);
  const received = clients.map((client) => client.events.length);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `live updates soak on ${t.kind}: ${clients.length} clients, ${SECONDS} s, ${committed.size} changes committed (${failedCommits} failed)`,
  );
  console.log(
    `  per client: expected ${committed.size}, received min ${Math.min(...received)} / max ${Math.max(...received)}; ` +
      `missing ${missing} in all (worst client ${worst.missing}), duplicates ${duplicates} (worst ${worst.duplicates}), out of order ${outOfOrder}`,
  );
  console.log(
    `  resyncs ${clients.reduce((sum, c) => sum + c.resyncs, 0)}, dropped streams ${clients.reduce((sum, c) => sum + c.errors, 0)}, ` +
      `reconnects ${clients.reduce((sum, c) => sum + c.opens - 1, 0)}`,
  );
  console.log(
    `  latency commit → client (${latencies.length} deliveries): p50 ${f(pct(latencies, 50))}, p95 ${f(pct(latencies, 95))}, max ${f(latencies.at(-1) ?? Number.NaN)}`,
  );
  console.log(
    `  API process heap (after a full GC; the clients run in a worker): ${heapBefore.toFixed(1)} MiB before, ${heapAfter.toFixed(1)} MiB after (${(heapAfter - heapBefore >= 0 ? '+' : '') + (heapAfter - heapBefore).toFixed(1)} MiB)`,
  );
  console.log(`  heap each minute (MiB): ${heapEachMinute.map((mib) => mib.toFixed(1)).join(', ')}`);
  const closed = reply('closed');
  worker.postMessage({ type: 'close' });
  await closed;
  await worker.terminate();
  await t.close();
  expect(clients).toHaveLength(CLIENTS);
  expect(failedCommits, 'commits that failed').toBe(0);
  expect(missing, 'events some client never received').toBe(0);
  expect(duplicates, 'events some client received twice').toBe(0);
  expect(outOfOrder, 'events received out of order').toBe(0);
});
