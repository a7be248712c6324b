import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createSession } from '../src/auth/sessions';
import { appRouter } from '../src/trpc/root';
import { startTestApp, type TestApp } from './support/app';
import type { TestClient } from './support/client';
import { createOwnerWithPet, slot } from './support/fixtures';
import { mutatedInput } from './support/nasty-values';
import { rawTrpc } from './support/raw-trpc';
import { parseRefusal } from './support/refusal';
import { type IdPool, inputArbitrary } from './support/zod-arbitrary';

/**
 * Issue 7: a property test over every procedure. Inputs are derived from each procedure's own validator, then
 * mutated (sizes, encodings, types, extreme numbers and dates, deep nesting, extra and missing keys), and sent
 * over HTTP by every role, alone or in batches. Whatever comes in: no 5xx, nothing internal in the answer, every
 * refusal in the one refusal contract, and a refused call writes nothing.
 */
const MIN_CALLS = 10_000;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 4_000);

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] } };
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, Procedure>;
const PATHS = Object.keys(PROCEDURES).sort();
const QUERY_PATHS = PATHS.filter((p) => PROCEDURES[p]!._def.type === 'query');
const MUTATION_PATHS = PATHS.filter((p) => PROCEDURES[p]!._def.type === 'mutation');

/** What must never reach a client: SQL, driver and ORM errors, stack frames, file paths, secrets. */
const LEAKS =
  /Failed query|DrizzleQueryError|PostgresError|syntax error at|violates |relation "|duplicate key|node_modules|\/work\/|\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|password_?hash|\$argon2/i;

type Role = 'admin' | 'vet' | 'assistant' | 'anonymous';
const SIGNED_IN: Exclude<Role, 'anonymous'>[] = ['admin', 'vet', 'assistant'];

let t: TestApp;
const tokens = {} as Record<Exclude<Role, 'anonymous'>, string>;
const pool: { ids: string[] } = { ids: [] };

/** A fresh session for a harness user, made directly: the fuzz may sign it out, revoke it or throttle it. */
async function renewSession(role: Exclude<Role, 'anonymous'>) {
  const { token } = await createSession(
    t.db,
    t.users[role].id,
    t.clock.now(),
    { idleMs: 3_600_000, absoluteMs: 3_600_000 },
    { ip: null, userAgent: 'fuzz' },
  );
  tokens[role] = token;
}

beforeAll(async () => {
  t = await startTestApp();
  const assistant: TestClient = await t.signIn('assistant');
  const vet: TestClient = await t.signIn('vet2');
  for (let i = 0; i < 3; i++) {
    const { owner, patient } = await createOwnerWithPet(assistant, `fuzz${i}`);
    const appointment = await assistant.trpc.appointments.create.mutate({
      patientId: patient.id,
      veterinarianId: t.users.vet2.id,
      reason: 'Check-up',
      ...slot(9 + i),
    });
    const record = await vet.trpc.medicalRecords.create.mutate({
      patientId: patient.id,
      reason: 'Check-up',
      weightKg: 20,
    });
    pool.ids.push(owner.id, patient.id, appointment.id, record.id);
  }
  // Staff the fuzz may edit, deactivate or reset; never the accounts it calls as.
  for (const role of ['veterinarian', 'assistant', 'admin'] as const)
    pool.ids.push((await t.createStaff(role)).id);
  pool.ids.push(t.users.vet2.id);
  for (const role of SIGNED_IN) await renewSession(role);
}, 120_000);
afterAll(() => t?.close());

const idPool: IdPool = pool;
const inputFor = (path: string) => {
  const schema = PROCEDURES[path]!._def.inputs[0];
  return mutatedInput(schema ? inputArbitrary(schema, idPool) : fc.constant(undefined));
};

const call = (paths: readonly string[]) =>
  fc.constantFrom(...paths).chain((path) => inputFor(path).map((input) => ({ path, input })));

/** One HTTP request: a role, then queries batched (1–5), or a mutation alone or repeated in one batch. */
const request = fc.record({
  role: fc.constantFrom<Role>('admin', 'vet', 'assistant', 'anonymous'),
  body: fc.oneof(
    fc.record({
      type: fc.constant('query' as const),
      calls: fc.array(call(QUERY_PATHS), { minLength: 1, maxLength: 5 }),
    }),
    fc.record({
      type: fc.constant('mutation' as const),
      calls: fc
        .tuple(call(MUTATION_PATHS), fc.integer({ min: 1, max: 4 }))
        .map(([one, times]) => Array.from({ length: times }, () => one)),
    }),
  ),
});

async function newestAuditId() {
  const [row] = await queryRows<{ id: string | null }>(t.db, sql`select max(id)::text as id from audit_log`);
  return row?.id ?? '0';
}

/** Data changes (not auth events such as a failed sign-in) written since `afterId`. */
async function dataChangesSince(afterId: string) {
  return queryRows<{ action: string; table_name: string }>(
    t.db,
    sql`select action, table_name from audit_log
        where id > ${afterId}::bigint and action in ('insert', 'update', 'delete')`,
  );
}

describe('fuzzing every procedure with inputs derived from its validator', () => {
  it(`at least ${MIN_CALLS} calls: no 5xx, no leaked internals, no write for a refused call`, async () => {
    let calls = 0;
    const perPath = new Map<string, number>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ role, body }) => {
        const before = body.type === 'mutation' ? await newestAuditId() : null;
        const result = await rawTrpc(t.baseUrl, {
          type: body.type,
          paths: body.calls.map((c) => c.path),
          inputs: body.calls.map((c) => c.input),
          cookie: role === 'anonymous' ? undefined : tokens[role],
          origin: t.baseUrl,
        });
        calls += body.calls.length;
        for (const c of body.calls) perPath.set(c.path, (perPath.get(c.path) ?? 0) + 1);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);

        expect(result.status, result.text.slice(0, 500)).toBeLessThan(500);
        for (const c of result.calls) expect(c.httpStatus, result.text.slice(0, 500)).toBeLessThan(500);
        expect(result.text).not.toMatch(LEAKS);
        // Every refusal tRPC answers keeps the one contract (Node's own 431 for an over-long URL is not tRPC's).
        for (const c of result.calls) if (c.refusal !== undefined) parseRefusal(c.refusal);
        if (before !== null && result.calls.every((c) => !c.ok)) {
          expect(await dataChangesSince(before)).toEqual([]);
        }
        // The fuzz may sign its own callers out (logout, revoked sessions): give them a new session.
        if (role !== 'anonymous' && result.calls.some((c) => c.code === 'UNAUTHORIZED'))
          await renewSession(role);
      }),
      { numRuns: REQUESTS, endOnFailure: true },
    );
    expect(calls).toBeGreaterThanOrEqual(MIN_CALLS);
    // Every procedure was exercised, many times over.
    // (Subscriptions stream server-sent events rather than answer: test/live covers live.changes and its input.)
    expect(PATHS.filter((p) => !perPath.has(p) && PROCEDURES[p]!._def.type !== 'subscription')).toEqual([]);
    for (const path of [...QUERY_PATHS, ...MUTATION_PATHS])
      expect(perPath.get(path) ?? 0, path).toBeGreaterThan(50);
    console.info(
      `fuzz: ${calls} calls in ${REQUESTS} requests; HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 600_000);
});
