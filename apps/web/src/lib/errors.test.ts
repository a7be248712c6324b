import { TRPCClientError } from '@trpc/client';
import type { Refusal } from '@vetflow/schema/refusal';
import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, staleEdit, toProblem } from './errors';

/** A tRPC error as the client receives it, carrying the API's refusal in `data`. */
const refused = (refusal: Refusal) =>
  TRPCClientError.from({
    error: { message: refusal.message, code: -32600, data: { ...refusal, httpStatus: 400, path: 'x.y' } },
  } as never);

describe('toProblem', () => {
  it('reads the refusal the API sends: code, message, issues and typed details', () => {
    expect(
      toProblem(
        refused({
          code: 'CONFLICT',
          message: 'Another active owner already uses this email',
          issues: [{ path: 'email', message: 'Another active owner already uses this email' }],
          details: { kind: 'constraint', constraint: 'owners_active_email_key' },
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      message: 'Another active owner already uses this email',
      issues: [{ path: 'email', message: 'Another active owner already uses this email' }],
      details: { kind: 'constraint', constraint: 'owners_active_email_key' },
    });
  });

  it('knows a call that got no answer by its shape (no refusal, a failed fetch), whatever the words', () => {
    expect(toProblem(TRPCClientError.from(new TypeError('Load failed')))).toMatchObject({
      code: 'UNREACHABLE',
      message: 'The server cannot be reached. Check the connection and try again.',
      issues: [],
    });
    // A message that mentions the network is not what makes it unreachable.
    expect(toProblem(TRPCClientError.from(new Error('network fetch went wrong')))).toMatchObject({
      code: 'UNKNOWN',
    });
  });

  it('handles errors that are not calls', () => {
    expect(toProblem(new Error('boom'))).toEqual({ code: 'UNKNOWN', message: 'boom', issues: [] });
    expect(toProblem('nope')).toEqual({ code: 'UNKNOWN', message: 'Something went wrong', issues: [] });
  });
});

describe('typed details', () => {
  const changedAt = new Date('2026-11-25T10:00:00Z');
  const conflict = refused({
    code: 'CONFLICT',
    message: 'This owner was changed by Liam Chen at 2026-11-25T10:00:00.000Z since you opened it',
    issues: [],
    details: { kind: 'stale_edit', current: { phone: '+1 555 999' }, changedBy: 'Liam Chen', changedAt },
  });

  it('a stale edit: the current version, who made the other change and when', () => {
    expect(staleEdit(toProblem(conflict))).toEqual({
      kind: 'stale_edit',
      current: { phone: '+1 555 999' },
      changedBy: 'Liam Chen',
      changedAt,
    });
  });

  it('only a stale edit is one: another conflict (a double booking) is not', () => {
    const doubleBooking = refused({
      code: 'CONFLICT',
      message: 'The veterinarian already has an appointment that overlaps this time',
      issues: [
        { path: 'startsAt', message: 'The veterinarian already has an appointment that overlaps this time' },
      ],
      details: { kind: 'constraint', constraint: 'appointments_no_double_booking' },
    });
    expect(staleEdit(toProblem(doubleBooking))).toBeNull();
    expect(retryAfterSeconds(toProblem(doubleBooking))).toBeNull();
  });

  it('a throttled call: how long to wait', () => {
    const throttled = refused({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins. Try again in 8 seconds.',
      issues: [],
      details: { kind: 'throttled', retryAfterSeconds: 8 },
    });
    expect(retryAfterSeconds(toProblem(throttled))).toBe(8);
    expect(staleEdit(toProblem(throttled))).toBeNull();
    expect(retryAfterSeconds(toProblem(conflict))).toBeNull();
  });
});
