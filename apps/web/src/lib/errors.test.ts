import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { fieldErrors, retryAfterSeconds, staleEdit, toProblem } from './errors';
import { applyServerErrors, mergeTheirs } from './forms';

const trpcError = (message: string, data: Record<string, unknown>) =>
  TRPCClientError.from({ error: { message, code: -32600, data } } as never);

describe('toProblem', () => {
  it('reads code, issues and details from a tRPC error', () => {
    const p = toProblem(
      trpcError('email: Enter a valid email address', {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        issues: [{ path: 'email', message: 'Enter a valid email address' }],
      }),
    );
    expect(p.code).toBe('BAD_REQUEST');
    expect(p.issues).toEqual([{ path: 'email', message: 'Enter a valid email address' }]);
  });
  it('finds the wait of a throttled sign-in, in details or beside the code', () => {
    expect(
      retryAfterSeconds(
        toProblem(trpcError('wait', { code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 8 } })),
      ),
    ).toBe(8);
    expect(
      retryAfterSeconds(toProblem(trpcError('wait', { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 42 }))),
    ).toBe(42);
  });
  it('handles plain errors', () => {
    expect(toProblem(new Error('boom'))).toMatchObject({ code: 'UNKNOWN', message: 'boom' });
  });
});

describe('fieldErrors', () => {
  const fields = ['email', 'phone', 'allergies'];
  it('maps validation issues onto fields, nested paths included', () => {
    const p = toProblem(
      trpcError('x', {
        code: 'BAD_REQUEST',
        issues: [
          { path: 'phone', message: 'Enter a valid phone number' },
          { path: 'allergies.0.allergen', message: 'Required' },
        ],
      }),
    );
    expect(fieldErrors(p, fields)).toEqual({
      errors: { phone: 'Enter a valid phone number', 'allergies.0.allergen': 'Required' },
      general: null,
    });
  });
  it('places a domain error by details.field or by its "field: message" form', () => {
    const unique = toProblem(
      trpcError('Another active owner already uses this email', {
        code: 'CONFLICT',
        details: { field: 'email' },
      }),
    );
    expect(fieldErrors(unique, fields).errors).toEqual({
      email: 'Another active owner already uses this email',
    });
    const prefixed = toProblem(trpcError('phone: Enter a valid phone number', { code: 'BAD_REQUEST' }));
    expect(fieldErrors(prefixed, fields).errors).toEqual({ phone: 'Enter a valid phone number' });
  });
  it('keeps for the form what belongs to no field of it', () => {
    const p = toProblem(trpcError('Something went wrong on our side', { code: 'INTERNAL_SERVER_ERROR' }));
    expect(fieldErrors(p, fields)).toEqual({ errors: {}, general: 'Something went wrong on our side' });
    const other = toProblem(
      trpcError('x', { code: 'BAD_REQUEST', issues: [{ path: 'updatedAt', message: 'Required' }] }),
    );
    expect(fieldErrors(other, fields).general).toBe('x');
  });
});

describe('stale edits', () => {
  const conflict = trpcError('This owner was changed by Liam Chen', {
    code: 'CONFLICT',
    details: {
      current: { phone: '+1 555 999' },
      changedBy: 'Liam Chen',
      changedAt: new Date('2026-11-25T10:00:00Z'),
    },
  });
  it('recognises a stale edit and who made the other change', () => {
    const stale = staleEdit(toProblem(conflict));
    expect(stale).toMatchObject({ current: { phone: '+1 555 999' }, changedBy: 'Liam Chen' });
    expect(stale?.changedAt?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(
      staleEdit(toProblem(trpcError('double', { code: 'CONFLICT', details: { field: 'startsAt' } }))),
    ).toBeNull();
  });
  it('leaves the form alone on a stale edit, and sets field errors otherwise', () => {
    const set: Record<string, string>[] = [];
    const form = { setErrors: (e: Record<string, string>) => set.push(e) };
    expect(applyServerErrors(form, conflict, ['phone']).stale).not.toBeNull();
    expect(set).toEqual([]);
    applyServerErrors(form, trpcError('phone: bad', { code: 'BAD_REQUEST' }), ['phone']);
    expect(set).toEqual([{ phone: 'bad' }]);
  });
});

describe('mergeTheirs (stale edit, take their changes)', () => {
  it('takes their value where they changed a field, keeps mine elsewhere', () => {
    const seen = { phone: '1', address: 'a', notes: '' };
    const theirs = { phone: '2', address: 'a', notes: '' };
    const mine = { phone: '1', address: 'b', notes: 'mine' };
    expect(mergeTheirs(seen, theirs, mine)).toEqual({ phone: '2', address: 'b', notes: 'mine' });
  });
});
