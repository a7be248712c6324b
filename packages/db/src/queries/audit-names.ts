import {
  appointments,
  appointmentTypes,
  medicalRecords,
  owners,
  patients,
  systemUsers,
  veterinarianSchedules,
} from '@vetflow/schema';
import { type AuditName, referencedTable } from '@vetflow/schema/audit-display';
import { eq, type Placeholder, type SQLWrapper, sql } from 'drizzle-orm';
import type { QueryBuilder } from 'drizzle-orm/pg-core';
import { type SelectLike, selectOnce } from '../built-query';
import type { Executor } from '../client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The part of an audit row that names things: the record it is about and the ids its snapshots hold. */
export interface NamedAuditRow {
  tableName: string | null;
  recordId: string | null;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
}

/** The ids one row refers to, by the table they are in. */
function referencesOf(row: NamedAuditRow): [table: string, id: string][] {
  const refs: [string, string][] = [];
  if (row.tableName && row.recordId) refs.push([row.tableName, row.recordId]);
  for (const values of [row.oldValues, row.newValues]) {
    if (!values || typeof values !== 'object') continue;
    for (const [field, value] of Object.entries(values)) {
      const table = referencedTable(field);
      if (table && typeof value === 'string' && UUID.test(value)) refs.push([table, value]);
    }
  }
  return refs;
}

/** `id = any($ids)`: one uuid[] parameter, so each resolver is one statement text whatever the page holds. */
const anyOf = (column: SQLWrapper, ids: Placeholder) => sql`${column} = any(${ids}::uuid[])`;

/**
 * One query per referenced table for the whole page (never one per row): id → name. Each is built once
 * (built-query.ts): every page of the timeline and every record's trail runs several of them.
 */
const RESOLVERS: Record<string, (db: Executor, ids: string[]) => Promise<({ id: string } & AuditName)[]>> = {
  owners: byIds((qb, p) =>
    qb
      .select({
        id: owners.id,
        label: sql<string>`${owners.firstName} || ' ' || ${owners.lastName}`,
        at: sql<Date | null>`null`,
      })
      .from(owners)
      .where(anyOf(owners.id, p.ids)),
  ),
  patients: byIds((qb, p) =>
    qb
      .select({ id: patients.id, label: patients.name, at: sql<Date | null>`null` })
      .from(patients)
      .where(anyOf(patients.id, p.ids)),
  ),
  system_users: byIds((qb, p) =>
    qb
      .select({ id: systemUsers.id, label: systemUsers.fullName, at: sql<Date | null>`null` })
      .from(systemUsers)
      .where(anyOf(systemUsers.id, p.ids)),
  ),
  appointment_types: byIds((qb, p) =>
    qb
      .select({ id: appointmentTypes.id, label: appointmentTypes.name, at: sql<Date | null>`null` })
      .from(appointmentTypes)
      .where(anyOf(appointmentTypes.id, p.ids)),
  ),
  // A vet's working days are known by the vet.
  veterinarian_schedules: byIds((qb, p) =>
    qb
      .select({ id: veterinarianSchedules.id, label: systemUsers.fullName, at: sql<Date | null>`null` })
      .from(veterinarianSchedules)
      .innerJoin(systemUsers, eq(systemUsers.id, veterinarianSchedules.veterinarianId))
      .where(anyOf(veterinarianSchedules.id, p.ids)),
  ),
  // An appointment is known by its pet and time ("Bella, 25 Nov 10:30"); a visit record by its pet and visit.
  appointments: byIds((qb, p) =>
    qb
      .select({ id: appointments.id, label: patients.name, at: appointments.startsAt })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(anyOf(appointments.id, p.ids)),
  ),
  medical_records: byIds((qb, p) =>
    qb
      .select({ id: medicalRecords.id, label: patients.name, at: medicalRecords.visitedAt })
      .from(medicalRecords)
      .innerJoin(patients, eq(patients.id, medicalRecords.patientId))
      .where(anyOf(medicalRecords.id, p.ids)),
  ),
};

/** A resolver from a select over the `ids` placeholder, built once. */
function byIds<Q extends SelectLike>(build: (qb: QueryBuilder, p: { ids: Placeholder<'ids'> }) => Q) {
  const select = selectOnce(['ids'], build);
  return (db: Executor, ids: string[]) => select(db, { ids }) as Promise<({ id: string } & AuditName)[]>;
}

/**
 * Names every id a page of audit rows shows — the record each row is about and the foreign keys in its old and
 * new values — with at most one query per table, and gives each row the names of its own ids.
 */
export async function withAuditNames<R extends NamedAuditRow>(
  db: Executor,
  rows: R[],
): Promise<(R & { names: Record<string, AuditName> })[]> {
  const perRow = rows.map(referencesOf);
  const wanted = new Map<string, Set<string>>();
  for (const refs of perRow)
    for (const [table, id] of refs) {
      if (!Object.hasOwn(RESOLVERS, table)) continue;
      if (!wanted.has(table)) wanted.set(table, new Set());
      wanted.get(table)!.add(id.toLowerCase());
    }
  const found = new Map<string, AuditName>();
  for (const [table, ids] of wanted) {
    for (const r of await RESOLVERS[table]!(db, [...ids])) found.set(r.id, { label: r.label, at: r.at });
  }
  return rows.map((row, i) => {
    const names: Record<string, AuditName> = {};
    for (const [, id] of perRow[i]!) {
      const name = found.get(id.toLowerCase());
      if (name) names[id] = name;
    }
    // The rows are the caller's fresh query results: completed in place (a copy of each costs more).
    return Object.assign(row, { names });
  });
}
