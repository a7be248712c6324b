import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Problem } from '../errors';
import { type FieldPath, formRefusal } from './formRefusal';

interface PatientValues {
  name: string;
  weightKg: number | string;
  allergies: { allergen: string }[];
}
const PATIENT_FIELDS = ['name', 'weightKg', 'allergies'] as const;

const problem = (over: Partial<Problem>): Problem => ({
  code: 'BAD_REQUEST',
  message: 'The input is not valid',
  issues: [],
  ...over,
});

describe('formRefusal: a refusal read for a form', () => {
  it('places each issue on its field, nested paths inside a field included, and leaves nothing for the form', () => {
    const placed = formRefusal<PatientValues>(
      problem({
        message: '2 fields need attention: Weight must be greater than 0; Required',
        issues: [
          { path: 'weightKg', message: 'Weight must be greater than 0' },
          { path: 'allergies.0.allergen', message: 'Required' },
        ],
      }),
      PATIENT_FIELDS,
    );
    expect(placed).toEqual({
      errors: { weightKg: 'Weight must be greater than 0', 'allergies.0.allergen': 'Required' },
      general: null,
    });
    expectTypeOf(placed.errors).toEqualTypeOf<Partial<Record<FieldPath<PatientValues>, string>>>();
  });

  it('a domain refusal about a field (named in issues) lands on that field', () => {
    expect(
      formRefusal<{ email: string; phone: string }>(
        problem({
          code: 'CONFLICT',
          message: 'Another active owner already uses this email',
          issues: [{ path: 'email', message: 'Another active owner already uses this email' }],
          details: { kind: 'constraint', constraint: 'owners_active_email_key' },
        }),
        ['email', 'phone'],
      ),
    ).toEqual({ errors: { email: 'Another active owner already uses this email' }, general: null });
  });

  it('renames an input field to the form field that shows it', () => {
    interface BookValues {
      date: string;
      time: string;
      duration: string;
    }
    const doubleBooking = 'The veterinarian already has an appointment that overlaps this time';
    expect(
      formRefusal<BookValues, { startsAt: Date; endsAt: Date }>(
        problem({
          code: 'CONFLICT',
          message: doubleBooking,
          issues: [{ path: 'startsAt', message: doubleBooking }],
        }),
        ['date', 'time', 'duration'],
        { startsAt: 'time', endsAt: 'duration' },
      ),
    ).toEqual({ errors: { time: doubleBooking }, general: null });
  });

  it('gives the form the refusal as a whole when no issue is about one of its fields', () => {
    expect(
      formRefusal<PatientValues>(problem({ code: 'FORBIDDEN', message: 'Not allowed' }), PATIENT_FIELDS),
    ).toEqual({ errors: {}, general: 'Not allowed' });
    // An issue on an input field the form does not show (the owner of a new pet) is the form's.
    expect(
      formRefusal<PatientValues>(
        problem({
          message: 'This owner is inactive',
          issues: [{ path: 'ownerId', message: 'This owner is inactive' }],
        }),
        PATIENT_FIELDS,
      ),
    ).toEqual({ errors: {}, general: 'This owner is inactive' });
  });

  it('keeps for the form what no field shows beside what it placed, each message once', () => {
    expect(
      formRefusal<PatientValues>(
        problem({
          message: '3 fields need attention: Required; Expected a date',
          issues: [
            { path: 'name', message: 'Required' },
            { path: 'updatedAt', message: 'Expected a date' },
            { path: 'ownerId', message: 'Expected a date' },
          ],
        }),
        PATIENT_FIELDS,
      ),
    ).toEqual({ errors: { name: 'Required' }, general: 'Expected a date' });
  });

  it('a field is matched whole, never by a prefix of its name', () => {
    expect(
      formRefusal<PatientValues>(
        problem({ message: 'Bad', issues: [{ path: 'nameSuffix', message: 'Bad' }] }),
        PATIENT_FIELDS,
      ),
    ).toEqual({ errors: {}, general: 'Bad' });
  });
});
