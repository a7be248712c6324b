/**
 * Bad input that belongs to no one router: unreadable bodies and inputs, NUL characters, unknown procedures,
 * hostile superjson, cursors, SQL-looking text kept as data, and properties over any text. The tables per
 * router are in test/<domain>/bad-input.test.ts; the shared harness is support/bad-input.ts.
 */
import { TRPCError } from '@trpc/server';
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTRPCError } from '../src/trpc/errors';
import {
  appointmentInput,
  clients,
  expectNamesField,
  expectNoLeak,
  fx,
  INJECTION,
  ownerInput,
  patientInput,
  rawCall,
  recordInput,
  snapshot,
  t,
  useBadInputApp,
} from './support/bad-input';
import { parseRefusal } from './support/refusal';

useBadInputApp();

describe('any procedure', () => {
  it('an unknown procedure is NOT_FOUND', async () => {
    const result = await rawCall('owners.drop', {}, { type: 'mutation' });
    expect(result.status).toBe(404);
    expect(result.code).toBe('NOT_FOUND');
    expectNoLeak(result.text);
  });

  it('a NUL character anywhere is BAD_REQUEST naming the field (PostgreSQL text cannot hold it)', async () => {
    const cases: [string, unknown, string][] = [
      ['owners.create', { ...ownerInput(), firstName: 'A\u0000B' }, 'firstName'],
      ['owners.list', { search: '\u0000' }, 'search'],
      [
        'patients.create',
        { ...patientInput(), allergies: [{ allergen: 'x\u0000', severity: 'mild' }] },
        'allergies.0.allergen',
      ],
      ['auth.login', { username: 'vet\u0000', password: 'whatever-password' }, 'username'],
    ];
    for (const [path, input, field] of cases) {
      const before = await snapshot();
      const result = await rawCall(path, input);
      expect(result.status, result.text).toBe(400);
      expect(result.code).toBe('BAD_REQUEST');
      expectNamesField(result, field);
      expectNoLeak(result.text);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('an unexpected failure is a 500 with a generic message, never the thrown message', () => {
    const thrown = new Error('Failed query: select password_hash from system_users\nparams: ');
    const mapped = toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: thrown }));
    expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).toBe('Something went wrong on our side');
    expect(toTRPCError(thrown).message).toBe('Something went wrong on our side');
  });

  it('a malformed JSON body is a 400, not a 500', async () => {
    const before = await snapshot();
    const result = await rawCall('owners.create', undefined, { body: '{"json": {"firstName": ' });
    expect(result.status).toBe(400);
    expect(['BAD_REQUEST', 'PARSE_ERROR']).toContain(result.code);
    expectNoLeak(result.text);
    expect(await snapshot()).toEqual(before);
  });

  it('an invalid Date (superjson-typed "not a date") is BAD_REQUEST naming the field', async () => {
    const serialized = JSON.stringify({
      json: { from: 'not a date', to: '2030-01-02T00:00:00.000Z' },
      meta: { values: { from: ['Date'], to: ['Date'] } },
    });
    const before = await snapshot();
    const result = await rawCall('appointments.list', undefined, { body: serialized });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.json.data.issues.map((i: { path: string }) => i.path)).toContain(
      'from',
    );
    expectNoLeak(result.text);
    expect(await snapshot()).toEqual(before);
  });

  it('superjson meta that points at __proto__ is refused with a 400, not a 500', async () => {
    for (const meta of [
      { values: { '__proto__.polluted': ['Date'] } },
      { values: { 'constructor.prototype.polluted': ['Date'] } },
      { values: { firstName: ['custom', 'NoSuchType'] } },
      { values: 'not an object' },
    ]) {
      const before = await snapshot();
      const body = JSON.stringify({ json: { ...ownerInput(), polluted: '2020-01-01' }, meta });
      const result = await rawCall('owners.create', undefined, { body });
      expect(result.status, result.text.slice(0, 300)).toBe(400);
      expectNoLeak(result.text);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    }
  });

  it('a missing or null input is BAD_REQUEST', async () => {
    for (const path of [
      'owners.create',
      'owners.get',
      'patients.create',
      'appointments.list',
      'users.create',
    ]) {
      for (const input of [undefined, null, 'owners', 42, []]) {
        const result = await rawCall(path, input);
        expect(result.status, `${path} ${JSON.stringify(input)}`).toBe(400);
        expect(result.code).toBe('BAD_REQUEST');
        expectNoLeak(result.text);
      }
    }
  });
});

describe('cursors the server handed out', () => {
  it.each([
    ['owners.list', { active: 'all' }],
    ['patients.list', { active: 'all' }],
    ['audit.list', {}],
    ['audit.forRecord', { tableName: 'appointments', recordId: '' }],
  ] as const)('%s: page 2 follows page 1 (control for the bad cursors)', async (path, base) => {
    const input = path === 'audit.forRecord' ? { ...base, recordId: fx.completedAppointmentId } : base;
    const first = await rawCall(path, { ...input, limit: 1 });
    const page1 = first.data as { items: { id: unknown }[]; nextCursor: string | null };
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await rawCall(path, { ...input, limit: 1, cursor: page1.nextCursor });
    expect(second.ok, second.text.slice(0, 300)).toBe(true);
    const page2 = second.data as { items: { id: unknown }[] };
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]!.id).not.toEqual(page1.items[0]!.id);
  });
});

describe('SQL-looking text is data, never SQL', () => {
  const tablesExist = async () => {
    const [row] = await queryRows<{ owners: string | null; audit: string | null }>(
      t.db,
      sql`select to_regclass('public.owners')::text as owners, to_regclass('public.audit_log')::text as audit`,
    );
    expect(row).toEqual({ owners: 'owners', audit: 'audit_log' });
  };

  it('owner names and notes are stored literally', async () => {
    const input = {
      firstName: INJECTION,
      lastName: "x' OR '1'='1",
      phone: '+1 555 987 6543',
      address: '1; SELECT pg_sleep(10); --',
      notes: "'; DELETE FROM audit_log; -- \\ % _ $1 $$ \u00e9",
    };
    const before = await snapshot();
    const created = await clients.assistant.trpc.owners.create.mutate(input);
    const stored = await clients.assistant.trpc.owners.get.query({ id: created.id });
    expect(stored).toMatchObject(input);
    const after = await snapshot();
    expect(after!.owners_rows).toBe((before!.owners_rows as number) + 1);
    expect(after!.audit_rows).toBe((before!.audit_rows as number) + 1);
    await tablesExist();
  });

  it('a search is matched literally (quotes, wildcards)', async () => {
    const before = await snapshot();
    const { trpc } = clients.assistant;
    for (const search of ["'; DROP TABLE owners;--", "' OR 1=1 --", '%', '_', '\\', '%%%%']) {
      const owners = await trpc.owners.list.query({ search, active: 'all' });
      for (const owner of owners.items) {
        const text = `${owner.firstName} ${owner.lastName} ${owner.email ?? ''} ${owner.phone}`.toLowerCase();
        for (const word of search.toLowerCase().split(/\s+/).filter(Boolean)) expect(text).toContain(word);
      }
      const patients = await trpc.patients.list.query({ search, active: 'all' });
      expect(patients.items.length).toBeLessThanOrEqual(1);
    }
    // The owner created above carries the quote: searching for it finds that row, and only rows containing it.
    const found = await trpc.owners.list.query({ search: "Robert');" });
    expect(found.items.map((o) => o.firstName)).toEqual([INJECTION]);
    expect(await snapshot()).toEqual(before);
    await tablesExist();
  });

  it('an appointment reason and a record’s notes are stored literally', async () => {
    const appointment = await clients.assistant.trpc.appointments.create.mutate({
      ...appointmentInput(),
      reason: INJECTION,
    });
    expect((await clients.assistant.trpc.appointments.get.query({ id: appointment.id })).reason).toBe(
      INJECTION,
    );
    const record = await clients.vet.trpc.medicalRecords.create.mutate({
      ...recordInput(),
      notes: "'); UPDATE medical_records SET diagnosis = 'pwned'; --",
    });
    const read = await clients.vet.trpc.medicalRecords.get.query({ id: record.id });
    expect(read).toMatchObject({
      kind: 'full',
      notes: "'); UPDATE medical_records SET diagnosis = 'pwned'; --",
    });
    await tablesExist();
  });
});

/** No lone surrogate (String.prototype.isWellFormed, which the TS lib here does not declare). */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('properties', () => {
  // Any text at all (controls, NUL, astral and lone-surrogate code units) for the names.
  const anyText = fc.string({ unit: 'binary', maxLength: 160 });

  it('owners.create never answers 500, whatever the names; a refusal names the field and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (firstName, lastName) => {
        const before = await snapshot();
        const result = await rawCall(
          'owners.create',
          { firstName, lastName, phone: '+1 555 123 4567' },
          { as: 'assistant' },
        );
        expect(result.status, result.text.slice(0, 300)).toBeLessThan(500);
        expectNoLeak(result.ok ? '' : result.text);
        if (result.ok) {
          // Stored as sent (trimmed). A lone surrogate cannot be encoded as UTF-8 and arrives as U+FFFD.
          const row = result.data as { firstName: string; lastName: string };
          if (wellFormed(firstName)) expect(row.firstName).toBe(firstName.trim());
          if (wellFormed(lastName)) expect(row.lastName).toBe(lastName.trim());
        } else {
          expect(result.code).toBe('BAD_REQUEST');
          const { issues } = parseRefusal(result.refusal);
          expect(
            issues.some((i) => i.path === 'firstName' || i.path === 'lastName'),
            `${result.message} ${JSON.stringify(issues)}`,
          ).toBe(true);
          expect(await snapshot()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('owners.list and patients.list never answer 500, whatever the search', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (search) => {
        for (const path of ['owners.list', 'patients.list']) {
          const result = await rawCall(path, { search }, { as: 'assistant' });
          expect(result.status, result.text.slice(0, 300)).toBeLessThan(500);
          if (!result.ok) {
            expect(result.code).toBe('BAD_REQUEST');
            expectNoLeak(result.text);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('owners.create never answers 500 for arbitrary JSON input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (input) => {
        const before = await snapshot();
        // Sent as superjson would send plain JSON ({ json }), also where the client would refuse (`prototype` keys).
        const body = JSON.stringify({ json: input });
        const result = await rawCall('owners.create', undefined, { as: 'assistant', body });
        expect(result.status, result.text.slice(0, 300)).toBe(400);
        expect(result.code).toBe('BAD_REQUEST');
        expectNoLeak(result.text);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
