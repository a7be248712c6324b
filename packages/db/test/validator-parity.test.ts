import {
  appointmentCreateInput,
  appointments,
  medicalRecordCreateInput,
  medicalRecords,
  ownerCreateInput,
  owners,
  patientCreateInput,
  patients,
  systemUsers,
  userCreateInput,
} from '@vetflow/schema';
import { DATETIME_RANGE } from '@vetflow/schema/values';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle, Transaction } from '../src/client';
import { createTestDb } from '../src/testing';
import { insertOwner, insertPatient, insertUser, type PgFailure, pgFailure } from './helpers';

// The zod validators and the database's CHECKs encode the same rules twice (shared patterns in values.ts).
// If they drift, the API either shows a raw database error for input its validator let through, or refuses
// input the database would store. For the same samples both must agree.

let handle: DbHandle;
let db: Database;
let ownerId: string;
let patientId: string;
let vetId: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  ownerId = (await insertOwner(db)).id;
  patientId = (await insertPatient(db, { ownerId })).id;
  vetId = (await insertUser(db)).id;
});
afterAll(() => handle?.close());

class Rollback extends Error {}

/** Inserts in a transaction that is always rolled back, so samples never collide with each other. */
async function databaseVerdict(
  insert: (tx: Transaction) => Promise<unknown>,
): Promise<{ accepted: true } | { accepted: false; failure: PgFailure }> {
  try {
    await db.transaction(async (tx) => {
      await insert(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return { accepted: true };
    return { accepted: false, failure: pgFailure(error) };
  }
  throw new Error('the transaction should always end in a rollback');
}

type Fields = Record<string, unknown>;

const START = new Date('2030-03-04T08:00:00Z');
const EARLIEST = new Date(DATETIME_RANGE.min);
const LATEST = new Date(DATETIME_RANGE.max);
const LATEST_START = new Date(LATEST.getTime() - 60 * 60_000);
const NOON_UTC = new Date('2026-03-10T12:00:00Z');
const minutesFrom = (startsAt: Date, minutes: number) => ({
  startsAt,
  endsAt: new Date(startsAt.getTime() + minutes * 60_000),
});
type Validator =
  | typeof appointmentCreateInput
  | typeof ownerCreateInput
  | typeof patientCreateInput
  | typeof medicalRecordCreateInput
  | typeof userCreateInput;

interface Entity {
  table: string;
  schema: Validator;
  /** A valid validator input that each sample changes one field of. */
  base: () => Fields;
  /** Stores a row the way the API would: validator output (or a raw value) plus the columns the server sets. */
  insert: (tx: Transaction, fields: Fields) => Promise<unknown>;
  samples: [field: string, value: unknown][];
}

function followUpEntity(visitedAt: Date, samples: Entity['samples']): Entity {
  return {
    table: 'medical_records',
    schema: medicalRecordCreateInput,
    base: () => ({ patientId, reason: 'Check-up', visitedAt, followUpOn: '2026-03-24' }),
    insert: (tx, fields) =>
      tx
        .insert(medicalRecords)
        .values({ veterinarianId: vetId, ...fields } as typeof medicalRecords.$inferInsert),
    samples,
  };
}

const entities: Entity[] = [
  {
    table: 'owners',
    schema: ownerCreateInput,
    base: () => ({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+1 555 123 4567',
    }),
    insert: (tx, fields) => tx.insert(owners).values(fields as typeof owners.$inferInsert),
    samples: [
      ['email', 'a@b'],
      ['email', 'a b@c.d'],
      ['email', 'a@b@c.de'],
      ['email', '@b.co'],
      ['email', 'a@b.'],
      ['email', 'a@b.co'],
      ['email', 'first.last+tag@mail.example.co.uk'],
      ['email', '  padded@example.com  '],
      ['email', ''],
      // The edges of the linear email pattern (the domain's first dot after its first character).
      ['email', 'a@.b.c'],
      ['email', 'a@b..c'],
      ['email', 'a@b.c.'],
      ['email', 'a@.bc'],
      ['email', 'a@bc.'],
      ['email', 'a@..'],
      ['email', 'a@...'],
      ['email', 'a@b.c'],
      ['email', 'a@b\t.c'],
      ['phone', 'abc'],
      ['phone', '12'],
      ['phone', '12345'],
      ['phone', '123456'],
      ['phone', '555-123-'],
      ['phone', '+1 555 123 4567'],
      ['phone', '(555) 123-4567'],
      ['phone', '555.123.4567'],
      ['phone', ' +44 20 7946 0958 '],
      ['firstName', ''],
      ['firstName', '   '],
      ['firstName', 'Zoë'],
      ['lastName', ''],
    ],
  },
  {
    table: 'patients',
    schema: patientCreateInput,
    base: () => ({ ownerId, name: 'Rex', species: 'Dog', weightKg: 12.5 }),
    insert: (tx, fields) => tx.insert(patients).values(fields as typeof patients.$inferInsert),
    samples: [
      ['weightKg', 0],
      ['weightKg', -1],
      ['weightKg', -3],
      ['weightKg', 1500.01],
      ['weightKg', 1500],
      ['weightKg', 0.01],
      ['weightKg', 12.35],
      ['weightKg', null],
      ['microchipId', '12345678'],
      ['microchipId', '123456789'],
      ['microchipId', 'ABC123def456789'],
      ['microchipId', '1234567890123456'],
      ['microchipId', '123-456-789'],
      ['microchipId', ''],
      ['microchipId', null],
      ['name', ''],
      ['name', ' '],
      ['species', ''],
      ['dateOfBirth', '2020-02-29'],
      ['dateOfBirth', '2021-02-29'],
      ['dateOfBirth', '0000-06-01'],
      ['dateOfBirth', '1899-12-31'],
      ['dateOfBirth', '1900-01-01'],
      ['dateOfBirth', '-4714-11-24'],
    ],
  },
  {
    table: 'medical_records',
    schema: medicalRecordCreateInput,
    // A visit at the first moment of the clinic's range: the follow-up samples below test the range alone.
    base: () => ({ patientId, reason: 'Check-up', weightKg: 12.4, temperatureC: 38.5, visitedAt: EARLIEST }),
    insert: (tx, fields) =>
      tx.insert(medicalRecords).values({
        veterinarianId: vetId,
        visitedAt: new Date(),
        ...fields,
      } as typeof medicalRecords.$inferInsert),
    samples: [
      ['weightKg', 0],
      ['weightKg', -3],
      ['weightKg', 1500.01],
      ['weightKg', 1500],
      ['weightKg', 0.01],
      ['temperatureC', 24.9],
      ['temperatureC', 25],
      ['temperatureC', 45],
      ['temperatureC', 45.1],
      ['temperatureC', 48],
      ['temperatureC', null],
      ['reason', ''],
      ['reason', '  '],
      ['reason', 'Limping'],
      ['followUpOn', '2030-02-28'],
      ['followUpOn', '2030-02-30'],
      ['followUpOn', '1899-12-31'],
      ['followUpOn', '1900-01-01'],
      ['followUpOn', '2200-12-31'],
      ['followUpOn', '2201-01-01'],
      ['visitedAt', new Date('1899-12-31T23:59:59.999Z')],
      ['visitedAt', new Date('1900-01-01T00:00:00.000Z')],
    ],
  },
  // A follow-up is not dated before its visit's earliest calendar date (the visit's instant at UTC−12): from
  // noon UTC on that is the visit's UTC date, just before noon the day before.
  followUpEntity(NOON_UTC, [
    ['followUpOn', '2026-03-10'],
    ['followUpOn', '2026-03-09'],
    ['followUpOn', '2025-03-10'],
  ]),
  followUpEntity(new Date(NOON_UTC.getTime() - 1), [
    ['followUpOn', '2026-03-09'],
    ['followUpOn', '2026-03-08'],
  ]),
  {
    table: 'appointments',
    schema: appointmentCreateInput,
    base: () => ({ patientId, veterinarianId: vetId, ...minutesFrom(START, 30), reason: 'Vaccination' }),
    insert: (tx, fields) => tx.insert(appointments).values(fields as typeof appointments.$inferInsert),
    samples: [
      ['endsAt', minutesFrom(START, 0).endsAt],
      ['endsAt', minutesFrom(START, -15).endsAt],
      ['endsAt', minutesFrom(START, 1).endsAt],
      ['endsAt', minutesFrom(START, 12 * 60).endsAt],
      ['endsAt', minutesFrom(START, 12 * 60 + 1).endsAt],
      ['reason', '  '],
      ['reason', 'Vaccination'],
    ],
  },
  {
    // The first moments of the clinic's date range.
    table: 'appointments',
    schema: appointmentCreateInput,
    base: () => ({ patientId, veterinarianId: vetId, ...minutesFrom(EARLIEST, 30), reason: 'Vaccination' }),
    insert: (tx, fields) => tx.insert(appointments).values(fields as typeof appointments.$inferInsert),
    samples: [
      ['startsAt', new Date(EARLIEST.getTime() - 1)],
      ['startsAt', EARLIEST],
      ['startsAt', new Date(EARLIEST.getTime() + 1)],
    ],
  },
  {
    // The last moments of the clinic's date range.
    table: 'appointments',
    schema: appointmentCreateInput,
    base: () => ({
      patientId,
      veterinarianId: vetId,
      ...minutesFrom(LATEST_START, 30),
      reason: 'Vaccination',
    }),
    insert: (tx, fields) => tx.insert(appointments).values(fields as typeof appointments.$inferInsert),
    samples: [
      ['endsAt', LATEST],
      ['endsAt', new Date(LATEST.getTime() + 1)],
    ],
  },
  {
    table: 'system_users',
    schema: userCreateInput,
    base: () => ({
      username: 'dr.smith',
      email: 'smith@vetflow.example',
      fullName: 'Dr. Smith',
      role: 'veterinarian',
      password: 'correct horse battery',
    }),
    insert: (tx, { password: _password, ...fields }) =>
      tx.insert(systemUsers).values({ ...fields, passwordHash: 'hash' } as typeof systemUsers.$inferInsert),
    samples: [
      ['username', 'ab'],
      ['username', 'abc'],
      ['username', 'a'.repeat(40)],
      ['username', 'a'.repeat(41)],
      ['username', 'dr smith'],
      ['username', 'dr.smith_2-x'],
      ['username', 'dr@smith'],
      ['email', 'a@b'],
      ['email', 'a b@c.d'],
      ['email', 'x@y.co'],
      ['fullName', ''],
      ['fullName', ' '],
      ['fullName', 'x'.repeat(120)],
      ['fullName', 'x'.repeat(121)],
    ],
  },
];

const cases = entities.flatMap((entity) =>
  entity.samples.map(([field, value]) => ({
    entity,
    field,
    value,
    label: `${entity.table}.${field} = ${JSON.stringify(value)}`,
  })),
);

describe('validators and database agree', () => {
  it.each(cases)('$label', async ({ entity, field, value }) => {
    const base = entity.schema.parse(entity.base()) as Fields;
    const verdict = entity.schema.safeParse({ ...entity.base(), [field]: value });
    // What the API would store: the validator's output when it accepts, else the raw value.
    const row = verdict.success ? (verdict.data as Fields) : { ...base, [field]: value };
    const database = await databaseVerdict((tx) => entity.insert(tx, row));

    expect(database.accepted, 'database accepts exactly what the validator accepts').toBe(verdict.success);
    if (!verdict.success) {
      expect([...new Set(verdict.error.issues.map((issue) => issue.path.join('.')))]).toEqual([field]);
    }
    if (!database.accepted) {
      // Refused by a rule on this table (a CHECK) or by the column's type (a data exception), not by accident.
      const { code, constraint, message } = database.failure;
      if (code === '23514') expect(constraint, message).toMatch(new RegExp(`^${entity.table}_`));
      else expect(code, message).toMatch(/^22/);
    }
  });
});

describe('where only the validator enforces a rule', () => {
  // Length caps and structure bound what a request may cost; the database does not repeat them.
  it.each([
    ['owners', 'lastName', 'x'.repeat(121)],
    ['patients', 'weightKg', 12.345],
    ['medical_records', 'temperatureC', 38.55],
    ['patients', 'allergies', [{ allergen: 'Latex', severity: 'deadly' }]],
  ] as const)('%s.%s', async (table, field, value) => {
    const entity = entities.find((e) => e.table === table)!;
    const verdict = entity.schema.safeParse({ ...entity.base(), [field]: value });
    expect(verdict.success).toBe(false);
    const base = entity.schema.parse(entity.base()) as Fields;
    expect(await databaseVerdict((tx) => entity.insert(tx, { ...base, [field]: value }))).toEqual({
      accepted: true,
    });
  });
});
