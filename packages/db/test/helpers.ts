import { randomUUID } from 'node:crypto';
import * as schema from '@vetflow/schema';
import { type appointments, type medicalRecords, owners, patients, systemUsers } from '@vetflow/schema';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { sealAudit } from '../src/audit/index';
import type { Database, DbHandle, Executor } from '../src/client';
import { queryRows } from '../src/raw';

/** What PostgreSQL said about a refused statement, whichever driver reported it. */
export interface PgFailure {
  code: string | undefined;
  constraint: string | undefined;
  message: string;
}

/**
 * Digs the SQLSTATE and constraint name out of an error: postgres.js puts the name in `constraint_name`,
 * PGlite in `constraint`, and drizzle may wrap either in a DrizzleQueryError whose `cause` is the original.
 */
export function pgFailure(error: unknown): PgFailure {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    const constraint = e.constraint_name ?? e.constraint;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return {
        code: e.code,
        constraint: typeof constraint === 'string' ? constraint : undefined,
        message: String((current as Error).message),
      };
    }
    current = e.cause;
  }
  throw new Error(`not a database error: ${String(error)}`, { cause: error });
}

/** Awaits a statement that must be refused and returns why; fails the test if it succeeds. */
export async function refused(statement: PromiseLike<unknown>): Promise<PgFailure> {
  try {
    await statement;
  } catch (error) {
    return pgFailure(error);
  }
  throw new Error('expected the database to refuse the statement, but it succeeded');
}

let n = 0;
/** A short token that makes each fixture's unique fields unique within a database. */
export const unique = () => `${++n}${randomUUID().slice(0, 6)}`;

export type OwnerInsert = typeof owners.$inferInsert;
export type PatientInsert = typeof patients.$inferInsert;
export type UserInsert = typeof systemUsers.$inferInsert;
export type AppointmentInsert = typeof appointments.$inferInsert;
export type RecordInsert = typeof medicalRecords.$inferInsert;

export const ownerRow = (over: Partial<OwnerInsert> = {}): OwnerInsert => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: `ada.${unique()}@example.com`,
  phone: '+1 555 123 4567',
  ...over,
});

export const patientRow = (ownerId: string, over: Partial<PatientInsert> = {}): PatientInsert => ({
  ownerId,
  name: 'Rex',
  species: 'Dog',
  weightKg: 12.5,
  ...over,
});

export const userRow = (over: Partial<UserInsert> = {}): UserInsert => {
  const name = `user.${unique()}`;
  return {
    username: name,
    email: `${name}@vetflow.example`,
    fullName: 'Dr. Test',
    role: 'veterinarian',
    passwordHash: 'not-a-real-hash',
    ...over,
  };
};

export async function insertOwner(db: Executor, over: Partial<OwnerInsert> = {}) {
  const [row] = await db.insert(owners).values(ownerRow(over)).returning();
  return row!;
}

export async function insertPatient(db: Executor, over: Partial<PatientInsert> = {}) {
  const ownerId = over.ownerId ?? (await insertOwner(db)).id;
  const [row] = await db.insert(patients).values(patientRow(ownerId, over)).returning();
  return row!;
}

export async function insertUser(db: Executor, over: Partial<UserInsert> = {}) {
  const [row] = await db.insert(systemUsers).values(userRow(over)).returning();
  return row!;
}

/** A 30-minute slot starting at `start` (an ISO string or Date). */
export function slot(start: string | Date, minutes = 30) {
  const startsAt = new Date(start);
  return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
}

export const appointmentRow = (
  patientId: string,
  veterinarianId: string,
  over: Partial<AppointmentInsert> = {},
): AppointmentInsert => ({
  patientId,
  veterinarianId,
  ...slot('2030-01-07T10:00:00Z'),
  reason: 'Vaccination',
  ...over,
});

export const recordRow = (
  patientId: string,
  veterinarianId: string,
  over: Partial<RecordInsert> = {},
): RecordInsert => ({
  patientId,
  veterinarianId,
  visitedAt: new Date('2029-12-01T10:00:00Z'),
  reason: 'Check-up',
  weightKg: 12.4,
  temperatureC: 38.5,
  ...over,
});

/** Seals every committed audit row, gaps closed at once (no grace period to wait out in a test). */
export const sealAll = async (db: Database) => {
  while (await sealAudit(db, { gapGraceMs: 0 }));
};

/** The audit log's partitions attached now, by name. */
export const auditPartitions = async (db: Database) =>
  (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'audit_log'::regclass order by 1`,
    )
  ).map((r) => r.name);

/** A second handle over the test database's own client whose logger sees every statement sent through it. */
export function recordingHandle(
  handle: DbHandle,
  logQuery: (query: string, params: unknown[]) => void,
): Database {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const logger = { logQuery };
  return (handle.kind === 'postgres'
    ? drizzlePostgres({ client: client as never, schema, logger })
    : drizzlePglite({ client: client as never, schema, logger })) as unknown as Database;
}
