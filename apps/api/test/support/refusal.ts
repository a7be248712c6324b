/**
 * A runtime check of the one refusal contract (`@vetflow/schema/refusal`): what every refused call carries in
 * `error.data`. Tests parse a refusal with it, then assert what that refusal must say.
 */
import { REFUSAL_CODES, type RefusalCode, type RefusalIssue } from '@vetflow/schema/refusal';
import { expect } from 'vitest';
import { z } from 'zod';
import type { RefusalData } from '../../src/trpc/refusal';

/** A message that starts with a field name ("email: …"): the contract forbids it, the field goes in `issues`. */
export const FIELD_PREFIX = /^[A-Za-z][\w.]*: /;

const words = z
  .string()
  .min(1)
  .refine((message) => !FIELD_PREFIX.test(message), { error: 'starts with a field prefix' });

const details = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('stale_edit'),
    current: z.record(z.string(), z.unknown()),
    changedBy: z.string().nullable(),
    changedAt: z.date().nullable(),
  }),
  z.strictObject({ kind: z.literal('throttled'), retryAfterSeconds: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('constraint'), constraint: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('booking_clash'),
    constraint: z.enum(['appointments_no_double_booking', 'appointments_no_patient_double_booking']),
    clash: z
      .strictObject({
        id: z.uuid(),
        patientName: z.string().min(1),
        veterinarianName: z.string().min(1),
        startsAt: z.date(),
        endsAt: z.date(),
      })
      .nullable(),
    nextFree: z.strictObject({ startsAt: z.date(), endsAt: z.date() }).nullable(),
  }),
  z.strictObject({ kind: z.literal('outside_hours'), reason: z.enum(['closed', 'day_off']) }),
]);

/** `error.data` of a refused call: exactly the Refusal's keys plus tRPC's httpStatus and path, nothing else. */
export const refusalSchema: z.ZodType<RefusalData> = z.strictObject({
  code: z.enum(REFUSAL_CODES),
  message: words,
  issues: z.array(z.strictObject({ path: z.string(), message: words })),
  details: details.optional(),
  httpStatus: z.number().int().min(400).max(599),
  path: z.string().optional(),
});

/** Parses `data` as a refusal (failing the test, with the reason, when it breaks the contract). */
export function parseRefusal(data: unknown): RefusalData {
  const parsed = refusalSchema.safeParse(data);
  expect(parsed.error?.issues ?? [], `not a refusal: ${JSON.stringify(data)?.slice(0, 500)}`).toEqual([]);
  return parsed.data!;
}

export interface ExpectedRefusal {
  code: RefusalCode;
  /** Exactly these issues (default: none). */
  issues?: RefusalIssue[];
  message?: string | RegExp;
}

/**
 * Checks `data` against the contract and against what this refusal must say: its code, exactly its issues (the
 * field and its message), and its message when given.
 */
export function expectRefusal(data: unknown, expected: ExpectedRefusal): RefusalData {
  const refusal = parseRefusal(data);
  expect(refusal.code, refusal.message).toBe(expected.code);
  expect(refusal.issues).toEqual(expected.issues ?? []);
  if (typeof expected.message === 'string') expect(refusal.message).toBe(expected.message);
  else if (expected.message) expect(refusal.message).toMatch(expected.message);
  return refusal;
}

/** A domain refusal naming one field: the field is the one issue, and its message is the refusal's message. */
export function expectFieldRefusal(
  data: unknown,
  expected: { code: RefusalCode; field: string; message: string | RegExp },
): RefusalData {
  const refusal = parseRefusal(data);
  expect(refusal.code, refusal.message).toBe(expected.code);
  if (typeof expected.message === 'string') expect(refusal.message).toBe(expected.message);
  else expect(refusal.message).toMatch(expected.message);
  expect(refusal.issues).toEqual([{ path: expected.field, message: refusal.message }]);
  return refusal;
}
