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
import { eq, inArray, sql } from 'drizzle-orm';
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

/** One query per referenced table for the whole page (never one per row): id → name. */
const RESOLVERS: Record<string, (db: Executor, ids: string[]) => Promise<({ id: string } & AuditName)[]>> = {
  owners: (db, ids) =>
    db
      .select({
        id: owners.id,
        label: sql<string>`${owners.firstName} || ' ' || ${owners.lastName}`,
        at: sql<null>`null`,
      })
      .from(owners)
      .where(inArray(owners.id, ids)),
  patients: (db, ids) =>
    db
      .select({ id: patients.id, label: patients.name, at: sql<null>`null` })
      .from(patients)
      .where(inArray(patients.id, ids)),
  system_users: (db, ids) =>
    db
      .select({ id: systemUsers.id, label: systemUsers.fullName, at: sql<null>`null` })
      .from(systemUsers)
      .where(inArray(systemUsers.id, ids)),
  appointment_types: (db, ids) =>
    db
      .select({ id: appointmentTypes.id, label: appointmentTypes.name, at: sql<null>`null` })
      .from(appointmentTypes)
      .where(inArray(appointmentTypes.id, ids)),
  // A vet's working days are known by the vet.
  veterinarian_schedules: (db, ids) =>
    db
      .select({ id: veterinarianSchedules.id, label: systemUsers.fullName, at: sql<null>`null` })
      .from(veterinarianSchedules)
      .innerJoin(systemUsers, eq(systemUsers.id, veterinarianSchedules.veterinarianId))
      .where(inArray(veterinarianSchedules.id, ids)),
  // An appointment is known by its pet and time ("Bella, 25 Nov 10:30"); a visit record by its pet and visit.
  appointments: (db, ids) =>
    db
      .select({ id: appointments.id, label: patients.name, at: appointments.startsAt })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(inArray(appointments.id, ids)),
  medical_records: (db, ids) =>
    db
      .select({ id: medicalRecords.id, label: patients.name, at: medicalRecords.visitedAt })
      .from(medicalRecords)
      .innerJoin(patients, eq(patients.id, medicalRecords.patientId))
      .where(inArray(medicalRecords.id, ids)),
};

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
    return { ...row, names };
  });
}
