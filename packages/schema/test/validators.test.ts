import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  appointmentCreateInput,
  appointmentListInput,
  auditListInput,
  changePasswordInput,
  loginInput,
  medicalRecordCreateInput,
  ownerCreateInput,
  ownerListInput,
  ownerUpdateInput,
  patientCreateInput,
  patientUpdateInput,
  revokeSessionInput,
  userCreateInput,
} from '../src/index';
import { LIMITS } from '../src/values';

// The validators are the API's first line and the forms' only one: they must accept real input, normalise it
// the way the database stores it, and point every refusal at the field the user has to fix.

const ID = '3f1c2b9e-8f5d-4a0b-9c6e-2d7f1a4b5c6d';
const DAY = 24 * 60 * 60 * 1000;
const inOneYear = new Date(Date.now() + 366 * DAY).toISOString().slice(0, 10);

const owner = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+1 555 123 4567' };
const patient = { ownerId: ID, name: 'Rex', species: 'Dog', weightKg: 12.5 };
const record = { patientId: ID, reason: 'Check-up', weightKg: 12.4, temperatureC: 38.5 };
const user = {
  username: 'dr.smith',
  email: 'smith@vetflow.example',
  fullName: 'Dr. Smith',
  role: 'veterinarian',
  password: 'correct horse battery',
};
const startsAt = new Date('2030-01-07T10:00:00Z');
const appointment = {
  patientId: ID,
  veterinarianId: ID,
  startsAt,
  endsAt: new Date(startsAt.getTime() + 30 * 60_000),
  reason: 'Vaccination',
};

/** The distinct paths (dot-joined) of a refusal's issues. */
function refusedPaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
}

describe('valid input', () => {
  it('is accepted and normalised: trimmed, empty optional text stored as null', () => {
    expect(
      ownerCreateInput.parse({
        ...owner,
        firstName: '  Ada ',
        email: ' ada@example.com ',
        address: '',
        notes: ' ',
      }),
    ).toEqual({ ...owner, address: null, notes: null });
    expect(ownerCreateInput.parse({ ...owner, email: '' }).email).toBeNull();
    expect(ownerCreateInput.parse({ ...owner, email: undefined }).email).toBeUndefined();
  });

  it('gets the same defaults the database has', () => {
    expect(patientCreateInput.parse(patient)).toMatchObject({
      sex: 'unknown',
      neutered: false,
      allergies: [],
    });
    expect(patientCreateInput.parse({ ...patient, microchipId: '' }).microchipId).toBeNull();
    expect(appointmentCreateInput.parse(appointment).priority).toBe('routine');
    expect(ownerListInput.parse({})).toEqual({ active: 'active', limit: 25 });
  });

  it.each([
    ['owner', ownerCreateInput, owner],
    ['owner with a formatted phone', ownerCreateInput, { ...owner, phone: '(555) 123-4567' }],
    [
      'patient with allergies, chip and birthday',
      patientCreateInput,
      {
        ...patient,
        microchipId: '985100000000001',
        dateOfBirth: '2020-02-29',
        allergies: [{ allergen: 'Penicillin', severity: 'life-threatening', reaction: 'Anaphylaxis' }],
      },
    ],
    ['patient at the weight limits', patientCreateInput, { ...patient, weightKg: LIMITS.maxWeightKg }],
    ['tiny patient', patientCreateInput, { ...patient, weightKg: 0.01 }],
    ['medical record at 25 °C', medicalRecordCreateInput, { ...record, temperatureC: 25 }],
    ['medical record at 45 °C', medicalRecordCreateInput, { ...record, temperatureC: 45 }],
    ['record at the weight limit', medicalRecordCreateInput, { ...record, weightKg: 1500 }],
    [
      'follow-up on the day of the visit',
      medicalRecordCreateInput,
      { ...record, visitedAt: new Date('2026-03-10T16:00:00Z'), followUpOn: '2026-03-10' },
    ],
    [
      'follow-up without a visit time (the visit is now)',
      medicalRecordCreateInput,
      { ...record, followUpOn: inOneYear },
    ],
    ['user', userCreateInput, user],
    ['user with a 40-character username', userCreateInput, { ...user, username: 'a'.repeat(40) }],
    [
      'appointment of 12 hours',
      appointmentCreateInput,
      { ...appointment, endsAt: new Date(+startsAt + 12 * 3_600_000) },
    ],
  ] as const)('accepts a valid %s', (_label, schema, input) => {
    expect(schema.safeParse(input).success).toBe(true);
  });
});

describe('invalid input is refused with the field named in the issue path', () => {
  const cases: [string, z.ZodType, unknown, string][] = [
    ['email without a dot in the domain', ownerCreateInput, { ...owner, email: 'a@b' }, 'email'],
    ['email with a space', ownerCreateInput, { ...owner, email: 'a b@c.d' }, 'email'],
    ['email with two @', ownerCreateInput, { ...owner, email: 'a@b@c.de' }, 'email'],
    ['phone with letters', ownerCreateInput, { ...owner, phone: 'abc' }, 'phone'],
    ['phone too short', ownerCreateInput, { ...owner, phone: '12' }, 'phone'],
    ['missing phone', ownerCreateInput, { ...owner, phone: undefined }, 'phone'],
    ['blank first name', ownerCreateInput, { ...owner, firstName: '   ' }, 'firstName'],
    ['last name too long', ownerCreateInput, { ...owner, lastName: 'x'.repeat(LIMITS.name + 1) }, 'lastName'],
    ['notes too long', ownerCreateInput, { ...owner, notes: 'x'.repeat(LIMITS.notes + 1) }, 'notes'],
    ['owner update without the version seen', ownerUpdateInput, { id: ID, firstName: 'Ada' }, 'updatedAt'],
    ['owner update with a bad id', ownerUpdateInput, { id: '42', updatedAt: new Date() }, 'id'],
    ['weight 0', patientCreateInput, { ...patient, weightKg: 0 }, 'weightKg'],
    ['weight -1', patientCreateInput, { ...patient, weightKg: -1 }, 'weightKg'],
    ['weight over 1500 kg', patientCreateInput, { ...patient, weightKg: 1500.01 }, 'weightKg'],
    ['weight with three decimals', patientCreateInput, { ...patient, weightKg: 12.345 }, 'weightKg'],
    ['weight as text', patientCreateInput, { ...patient, weightKg: '12' }, 'weightKg'],
    ['microchip too short', patientCreateInput, { ...patient, microchipId: '12345678' }, 'microchipId'],
    ['microchip with dashes', patientCreateInput, { ...patient, microchipId: '123-456-789' }, 'microchipId'],
    ['unknown owner id format', patientCreateInput, { ...patient, ownerId: 'owner-1' }, 'ownerId'],
    ['blank species', patientCreateInput, { ...patient, species: ' ' }, 'species'],
    ['unknown sex', patientCreateInput, { ...patient, sex: 'dog' }, 'sex'],
    ['birthday in the future', patientCreateInput, { ...patient, dateOfBirth: inOneYear }, 'dateOfBirth'],
    [
      'birthday that does not exist',
      patientCreateInput,
      { ...patient, dateOfBirth: '2023-02-29' },
      'dateOfBirth',
    ],
    ['birthday in year 0', patientCreateInput, { ...patient, dateOfBirth: '0000-06-01' }, 'dateOfBirth'],
    [
      'allergy with an unknown severity',
      patientCreateInput,
      { ...patient, allergies: [{ allergen: 'Latex', severity: 'deadly' }] },
      'allergies.0.severity',
    ],
    [
      'allergy without an allergen',
      patientCreateInput,
      { ...patient, allergies: [{ allergen: '', severity: 'mild' }] },
      'allergies.0.allergen',
    ],
    [
      'too many allergies',
      patientCreateInput,
      {
        ...patient,
        allergies: Array.from({ length: LIMITS.allergies + 1 }, () => ({ allergen: 'x', severity: 'mild' })),
      },
      'allergies',
    ],
    ['temperature below 25 °C', medicalRecordCreateInput, { ...record, temperatureC: 24.9 }, 'temperatureC'],
    ['temperature above 45 °C', medicalRecordCreateInput, { ...record, temperatureC: 45.1 }, 'temperatureC'],
    ['temperature of 48 °C', medicalRecordCreateInput, { ...record, temperatureC: 48 }, 'temperatureC'],
    ['record weight 0', medicalRecordCreateInput, { ...record, weightKg: 0 }, 'weightKg'],
    ['record weight -3', medicalRecordCreateInput, { ...record, weightKg: -3 }, 'weightKg'],
    ['record weight over 1500 kg', medicalRecordCreateInput, { ...record, weightKg: 1500.01 }, 'weightKg'],
    [
      'follow-up before the visit',
      medicalRecordCreateInput,
      { ...record, visitedAt: new Date('2026-03-10T16:00:00Z'), followUpOn: '2026-03-09' },
      'followUpOn',
    ],
    [
      'follow-up before a visit recorded now',
      medicalRecordCreateInput,
      { ...record, followUpOn: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10) },
      'followUpOn',
    ],
    ['record without a reason', medicalRecordCreateInput, { ...record, reason: '' }, 'reason'],
    [
      'visit in the future',
      medicalRecordCreateInput,
      { ...record, visitedAt: new Date(Date.now() + DAY) },
      'visitedAt',
    ],
    [
      'follow-up that is not a date',
      medicalRecordCreateInput,
      { ...record, followUpOn: 'next week' },
      'followUpOn',
    ],
    ['username too short', userCreateInput, { ...user, username: 'ab' }, 'username'],
    ['username with a space', userCreateInput, { ...user, username: 'dr smith' }, 'username'],
    [
      'username too long',
      userCreateInput,
      { ...user, username: 'a'.repeat(LIMITS.username + 1) },
      'username',
    ],
    ['user email without a dot in the domain', userCreateInput, { ...user, email: 'a@b' }, 'email'],
    ['password of 11 characters', userCreateInput, { ...user, password: 'x'.repeat(11) }, 'password'],
    ['password of 129 characters', userCreateInput, { ...user, password: 'x'.repeat(129) }, 'password'],
    ['unknown role', userCreateInput, { ...user, role: 'owner' }, 'role'],
    ['blank full name', userCreateInput, { ...user, fullName: ' ' }, 'fullName'],
    [
      'new password too short',
      changePasswordInput,
      { currentPassword: 'x', newPassword: 'short' },
      'newPassword',
    ],
    ['empty login username', loginInput, { username: ' ', password: 'x' }, 'username'],
    ['malformed session id', revokeSessionInput, { sessionId: 'abc' }, 'sessionId'],
    [
      'appointment ending when it starts',
      appointmentCreateInput,
      { ...appointment, endsAt: startsAt },
      'endsAt',
    ],
    [
      'appointment longer than 12 hours',
      appointmentCreateInput,
      { ...appointment, endsAt: new Date(+startsAt + 12 * 3_600_000 + 60_000) },
      'endsAt',
    ],
    ['unknown priority', appointmentCreateInput, { ...appointment, priority: 'asap' }, 'priority'],
    [
      'schedule range backwards',
      appointmentListInput,
      { from: startsAt, to: new Date(+startsAt - DAY) },
      'to',
    ],
    [
      'schedule range over 42 days',
      appointmentListInput,
      { from: startsAt, to: new Date(+startsAt + 43 * DAY) },
      'to',
    ],
    ['page size over the cap', ownerListInput, { limit: LIMITS.pageSize + 1 }, 'limit'],
    ['search text too long', ownerListInput, { search: 'x'.repeat(LIMITS.search + 1) }, 'search'],
    ['audit range backwards', auditListInput, { from: startsAt, to: startsAt }, 'to'],
  ];

  it.each(cases)('%s', (_label, schema, input, field) => {
    expect(refusedPaths(schema, input)).toEqual([field]);
  });

  it('refuses fields the caller may not set (strict objects)', () => {
    const result = ownerCreateInput.safeParse({ ...owner, isActive: false, id: ID });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['isActive', 'id'] }),
    ]);
  });
});

describe('updates say only what changes', () => {
  it('a patient update that names one field leaves sex, neutered and allergies out (no defaults)', () => {
    const parsed = patientUpdateInput.parse({
      id: '7d9e4c1a-3b2f-4e5d-8a6b-1c2d3e4f5a6b',
      updatedAt: new Date(),
      breed: 'Beagle',
    });
    expect(Object.keys(parsed).sort()).toEqual(['breed', 'id', 'updatedAt']);
  });

  it('a new patient still gets the defaults', () => {
    const parsed = patientCreateInput.parse({
      ownerId: '7d9e4c1a-3b2f-4e5d-8a6b-1c2d3e4f5a6b',
      name: 'Rex',
      species: 'Dog',
    });
    expect(parsed).toMatchObject({ sex: 'unknown', neutered: false, allergies: [] });
  });
});
