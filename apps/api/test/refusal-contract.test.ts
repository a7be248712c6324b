/**
 * Issue 8: one refusal contract. Every refused call answers with the one `Refusal` of `@vetflow/schema/refusal`
 * in `error.data` (beside tRPC's httpStatus and path): a code, a human message that never starts with a field
 * name, `issues` (always present; a field at fault is named there, for validation and domain refusals alike), and
 * typed `details` where data travels. This walks one refusal of each kind over HTTP and checks it.
 */
import type { TRPCClientError } from '@trpc/client';
import type { Refusal } from '@vetflow/schema/refusal';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { MAX_BATCH_SIZE } from '../src/server';
import type { RefusalData } from '../src/trpc/refusal';
import type { AppRouter } from '../src/trpc/root';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app';
import type { TestClient } from './support/client';
import { createOwnerWithPet, slot } from './support/fixtures';
import { trpcCall } from './support/raw-trpc';
import { type ExpectedRefusal, expectRefusal, FIELD_PREFIX, parseRefusal } from './support/refusal';

const MISSING_ID = '5b0c4f8e-2d7a-4c1e-9f3b-8a6d2e1c0b9a';

let t: TestApp;
let admin: TestClient;
let assistant: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
  assistant = await t.signIn('assistant');
});
afterAll(() => t?.close());

/**
 * Calls `path` over HTTP (as `as`, anonymous with null) and checks its refusal against the contract and against
 * `expected`; the envelope's message is the refusal's, and `httpStatus` is the response's status.
 */
async function expectRefused(
  path: string,
  input: unknown,
  as: TestClient | null,
  expected: ExpectedRefusal,
): Promise<RefusalData> {
  const result = await trpcCall(t.baseUrl, path, input, { cookie: as?.cookie() });
  expect(result.ok, result.text.slice(0, 300)).toBe(false);
  const refusal = expectRefusal(result.refusal, expected);
  expect(result.message).toBe(refusal.message);
  expect(refusal.httpStatus).toBe(result.status);
  expect(refusal.path).toBe(path);
  return refusal;
}

describe('the type the web reads', () => {
  it('TRPCClientError<AppRouter>["data"] is the refusal, beside tRPC’s httpStatus and path', () => {
    expectTypeOf<NonNullable<TRPCClientError<AppRouter>['data']>>().toEqualTypeOf<RefusalData>();
    expectTypeOf<RefusalData>().toExtend<Refusal>();
  });
});

describe('validation refusals (zod)', () => {
  it('one issue: the message is the issue’s own, the field is in issues', async () => {
    await expectRefused(
      'owners.create',
      { firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567', email: 'not-an-email' },
      assistant,
      {
        code: 'BAD_REQUEST',
        message: 'Enter a valid email address',
        issues: [{ path: 'email', message: 'Enter a valid email address' }],
      },
    );
  });

  it('several issues: a short sentence without field names, every field in issues', async () => {
    const refusal = await expectRefused(
      'owners.create',
      { firstName: '', lastName: 'Lee', phone: 'call me' },
      assistant,
      {
        code: 'BAD_REQUEST',
        message: '2 fields need attention: Required; Enter a valid phone number (digits, spaces, + ( ) . -)',
        issues: [
          { path: 'firstName', message: 'Required' },
          { path: 'phone', message: 'Enter a valid phone number (digits, spaces, + ( ) . -)' },
        ],
      },
    );
    expect(refusal.details).toBeUndefined();
  });

  it('a nested field is named by its dot-joined path', async () => {
    const { owner } = await createOwnerWithPet(assistant, '-nested');
    await expectRefused(
      'patients.create',
      { ownerId: owner.id, name: 'Rex', species: 'Dog', allergies: [{ allergen: '', severity: 'mild' }] },
      assistant,
      {
        code: 'BAD_REQUEST',
        message: 'Required',
        issues: [{ path: 'allergies.0.allergen', message: 'Required' }],
      },
    );
  });
});

describe('domain refusals', () => {
  it('a refusal about a field names it as the one issue, with the same words as the message', async () => {
    await expectRefused(
      'appointments.create',
      { patientId: MISSING_ID, veterinarianId: t.users.vet.id, ...slot(9), reason: 'Check-up' },
      assistant,
      {
        code: 'BAD_REQUEST',
        message: 'Patient not found',
        issues: [{ path: 'patientId', message: 'Patient not found' }],
      },
    );
    await expectRefused(
      'users.update',
      { id: t.users.admin.id, updatedAt: new Date(), role: 'assistant' },
      admin,
      {
        code: 'BAD_REQUEST',
        message: 'You cannot change your own role',
        issues: [{ path: 'role', message: 'You cannot change your own role' }],
      },
    );
  });

  it('a page cursor no page handed out names the cursor', async () => {
    await expectRefused('owners.list', { cursor: 'not-a-cursor' }, assistant, {
      code: 'BAD_REQUEST',
      message: 'The page cursor is not valid; start again from the first page',
      issues: [{ path: 'cursor', message: 'The page cursor is not valid; start again from the first page' }],
    });
  });

  it('a database constraint (a second active owner with the same email) names the field and the constraint', async () => {
    const { owner } = await createOwnerWithPet(assistant, '-dup');
    const refusal = await expectRefused(
      'owners.create',
      { firstName: 'Other', lastName: 'Owner', phone: '+1 555 010 9999', email: owner.email },
      assistant,
      {
        code: 'CONFLICT',
        message: 'Another active owner already uses this email',
        issues: [{ path: 'email', message: 'Another active owner already uses this email' }],
      },
    );
    expect(refusal.details).toEqual({ kind: 'constraint', constraint: 'owners_active_email_key' });
  });

  it('a stale edit carries the current version, who changed it and when', async () => {
    const { owner } = await createOwnerWithPet(assistant, '-stale');
    const saved = await admin.trpc.owners.update.mutate({
      id: owner.id,
      updatedAt: owner.updatedAt,
      notes: 'Prefers mornings',
    });
    const refusal = await expectRefused(
      'owners.update',
      { id: owner.id, updatedAt: owner.updatedAt, notes: 'Prefers evenings' },
      assistant,
      { code: 'CONFLICT', message: /^This owner was changed by Ada Admin at .+ since you opened it$/ },
    );
    expect(refusal.details).toEqual({
      kind: 'stale_edit',
      current: expect.objectContaining({
        id: owner.id,
        notes: 'Prefers mornings',
        updatedAt: saved.updatedAt,
      }),
      changedBy: 'Ada Admin',
      changedAt: expect.any(Date),
    });
  });

  it('a throttled sign-in says how long to wait', async () => {
    const user = await t.createStaff();
    for (let i = 0; i < 5; i++) {
      await expectRefused('auth.login', { username: user.username, password: 'wrong-password' }, null, {
        code: 'UNAUTHORIZED',
        message: 'Incorrect username or password',
      });
    }
    const refusal = await expectRefused(
      'auth.login',
      { username: user.username, password: TEST_PASSWORD },
      null,
      { code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins. Try again in 1 second.' },
    );
    expect(refusal.details).toEqual({ kind: 'throttled', retryAfterSeconds: 1 });
  });

  it('not found, forbidden and unauthorized are about the call as a whole: no issue, no details', async () => {
    for (const refusal of [
      await expectRefused('owners.get', { id: MISSING_ID }, assistant, {
        code: 'NOT_FOUND',
        message: 'Owner not found',
      }),
      await expectRefused('owners.setActive', { id: MISSING_ID, isActive: false }, assistant, {
        code: 'FORBIDDEN',
        message: 'Your role does not allow this action',
      }),
      await expectRefused('owners.list', {}, null, { code: 'UNAUTHORIZED', message: 'Please sign in' }),
    ]) {
      expect(refusal.details).toBeUndefined();
    }
  });
});

describe('refusals of the request as a whole', () => {
  /** The one error envelope tRPC answers a whole request with (also for a batch). */
  async function wholeRequestRefusal(response: Response) {
    const body = (await response.json()) as { error: { json: { message: string; data: unknown } } };
    const refusal = parseRefusal(body.error.json.data);
    expect(body.error.json.message).toBe(refusal.message);
    expect(refusal.httpStatus).toBe(response.status);
    return refusal;
  }

  it('a body over the size limit (refused by Fastify before tRPC) answers in the same shape', async () => {
    const response = await fetch(`${t.baseUrl}/trpc/owners.create`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: t.baseUrl,
        cookie: `vetflow_session=${assistant.cookie()}`,
      },
      body: JSON.stringify({ json: { firstName: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await wholeRequestRefusal(response)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request is too large',
      issues: [],
      httpStatus: 413,
    });
  });

  it('a batch over the limit answers in the same shape', async () => {
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => 'auth.me').join(',');
    const response = await fetch(`${t.baseUrl}/trpc/${paths}?batch=1&input=%7B%7D`);
    expect(response.status).toBe(400);
    const refusal = await wholeRequestRefusal(response);
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', issues: [] });
  });

  it('the contract check itself refuses a message that starts with a field name', () => {
    expect('email: Enter a valid email address').toMatch(FIELD_PREFIX);
    expect('allergies.0.allergen: Required').toMatch(FIELD_PREFIX);
    expect('Invalid input: expected string').not.toMatch(FIELD_PREFIX);
    expect(
      parseRefusal.bind(null, { code: 'BAD_REQUEST', message: 'email: Bad', issues: [], httpStatus: 400 }),
    ).toThrow();
  });
});
