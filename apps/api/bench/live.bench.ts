/**
 * Live updates' cost (issue 11): with CLIENTS subscribed clients on loopback, the time from an autocommit UPDATE
 * of a patient being issued to each client receiving its change event (p50 / p95 / max per client, and p95 of
 * "the last of the CLIENTS has it"), and the API's heap growth per open subscription. Clients run in a worker
 * thread (own heap). Runs on PGlite, or on PostgreSQL with DATABASE_URL. Fails when the p95 of the last client
 * exceeds 500 ms.
 *
 *   pnpm --filter @vetflow/api bench:live        (CLIENTS=50 ROUNDS=100 EXTRA=200 by default;
 *   DATABASE_URL=postgres://… for PostgreSQL)
 */
import { Worker } from 'node:worker_threads';
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { LiveChanges } from '../src/live/service';
import { startTestApp } from '../test/support/app';
import { createOwnerWithPet } from '../test/support/fixtures';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 100);
const EXTRA = Number(process.env.EXTRA ?? 200);
const now = () => performance.timeOrigin + performance.now();
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

it(`live updates: latency to ${CLIENTS} clients and heap per subscription`, async () => {
  const t = await startTestApp({}, { live: { maxPerSession: 64, maxTotal: 100_000 } });
  const assistant = await t.signIn('assistant');
  const { patient } = await createOwnerWithPet(assistant, 'bench');
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) cookies.push((await t.signIn('vet')).cookie()!);

  const worker = new Worker(new URL('./live-clients.mjs', import.meta.url), {
    workerData: { baseUrl: t.baseUrl },
  });
  const waitFor = (type: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const on = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        worker.off('message', on);
        resolve(message);
      };
      worker.on('message', on);
    });
  const received = new Map<number, number[]>();
  worker.on('message', (message: { type: string; version?: number; at?: number }) => {
    if (message.type !== 'got') return;
    const list = received.get(message.version!) ?? [];
    list.push(message.at!);
    received.set(message.version!, list);
  });

  worker.postMessage({ type: 'open', cookies, from: 0 });
  await waitFor('opened');

  const perClient: number[] = [];
  const lastClient: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const issuedAt = now();
    const [row] = await queryRows<{ v: string }>(
      t.db,
      sql`update patients set breed = ${`bench ${round}`} where id = ${patient.id}
          returning floor(extract(epoch from updated_at) * 1000)::bigint::text as v`,
    );
    const version = Number(row!.v);
    const deadline = now() + 5000;
    while ((received.get(version)?.length ?? 0) < CLIENTS && now() < deadline)
      await new Promise((r) => setTimeout(r, 2));
    const times = received.get(version) ?? [];
    if (times.length < CLIENTS)
      throw new Error(`round ${round}: only ${times.length} of ${CLIENTS} clients got the event`);
    for (const at of times) perClient.push(at - issuedAt);
    lastClient.push(Math.max(...times) - issuedAt);
    received.delete(version);
    await new Promise((r) => setTimeout(r, 20));
  }
  perClient.sort((a, b) => a - b);
  lastClient.sort((a, b) => a - b);

  // Heap per subscription: EXTRA more streams (spread over the same sessions), measured after a full GC.
  await new Promise((r) => setTimeout(r, 500));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const extraCookies = Array.from({ length: EXTRA }, (_, i) => cookies[i % cookies.length]!);
  worker.postMessage({ type: 'open', cookies: extraCookies, from: CLIENTS });
  await waitFor('opened');
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.memoryUsage().rss;
  const open = (t.app as unknown as { live: LiveChanges }).live.openSubscriptions;

  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`live updates on ${t.kind}, ${CLIENTS} clients, ${ROUNDS} changes:`);
  console.log(
    `  per client: p50 ${f(pct(perClient, 50))}, p95 ${f(pct(perClient, 95))}, max ${f(perClient.at(-1)!)}`,
  );
  console.log(
    `  all ${CLIENTS} clients have it: p50 ${f(pct(lastClient, 50))}, p95 ${f(pct(lastClient, 95))}, max ${f(lastClient.at(-1)!)}`,
  );
  console.log(
    `  API heap per open subscription: ${((heapAfter - heapBefore) / EXTRA / 1024).toFixed(1)} KiB ` +
      `(${EXTRA} more streams, ${open} open; process RSS +${((rssAfter - rssBefore) / EXTRA / 1024).toFixed(1)} KiB each, clients' worker included)`,
  );
  worker.postMessage({ type: 'close' });
  await waitFor('closed');
  await worker.terminate();
  await t.close();
  expect(pct(lastClient, 95), 'p95 until all clients have the event').toBeLessThanOrEqual(500);
});
