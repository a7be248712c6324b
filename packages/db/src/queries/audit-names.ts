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
import { eq, type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { selectOnce } from '../built-query';
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

/** `id = any($ids)`: one uuid[] parameter per table, so the statement's text is the same whatever the page holds. */
const anyOf = (column: SQLWrapper, ids: Placeholder) => sql`${column} = any(${ids}::uuid[])`;

/** The tables whose records the timeline names. */
const NAMED_TABLES = [
  'owners',
  'patients',
  'system_users',
  'appointment_types',
  'veterinarian_schedules',
  'appointments',
  'medical_records',
] as const;
type NamedTable = (typeof NAMED_TABLES)[number];
const isNamedTable = (table: string): table is NamedTable =>
  (NAMED_TABLES as readonly string[]).includes(table);

/**
 * id → name for every table at once: one statement per page of the timeline or a record's trail (a UNION ALL of
 * one lookup per table, each by its own array of ids, empty for a table the page does not mention), not one
 * statement and round trip per table. Built once (built-query.ts). The first branch's `at` carries the Date
 * decoding for the whole column.
 */
const namesOf = selectOnce(NAMED_TABLES, (qb, p) => {
  const none = sql<Date | null>`null::timestamptz`;
  return (
    qb
      .select({
        id: owners.id,
        label: sql<string>`${owners.firstName} || ' ' || ${owners.lastName}`,
        // A visit's or an appointment's time: decoded as that column is (a null stays null).
        at: sql`null::timestamptz`.mapWith(appointments.startsAt) as SQL<Date | null>,
      })
      .from(owners)
      .where(anyOf(owners.id, p.owners))
      .unionAll(
        qb
          .select({ id: patients.id, label: sql<string>`${patients.name}`, at: none })
          .from(patients)
          .where(anyOf(patients.id, p.patients)),
      )
      .unionAll(
        qb
          .select({ id: systemUsers.id, label: sql<string>`${systemUsers.fullName}`, at: none })
          .from(systemUsers)
          .where(anyOf(systemUsers.id, p.system_users)),
      )
      .unionAll(
        qb
          .select({ id: appointmentTypes.id, label: sql<string>`${appointmentTypes.name}`, at: none })
          .from(appointmentTypes)
          .where(anyOf(appointmentTypes.id, p.appointment_types)),
      )
      // A vet's working days are known by the vet.
      .unionAll(
        qb
          .select({ id: veterinarianSchedules.id, label: sql<string>`${systemUsers.fullName}`, at: none })
          .from(veterinarianSchedules)
          .innerJoin(systemUsers, eq(systemUsers.id, veterinarianSchedules.veterinarianId))
          .where(anyOf(veterinarianSchedules.id, p.veterinarian_schedules)),
      )
      // An appointment is known by its pet and time ("Bella, 25 Nov 10:30"); a visit record by its pet and visit.
      .unionAll(
        qb
          .select({
            id: appointments.id,
            label: sql<string>`${patients.name}`,
            at: sql<Date | null>`${appointments.startsAt}`,
          })
          .from(appointments)
          .innerJoin(patients, eq(patients.id, appointments.patientId))
          .where(anyOf(appointments.id, p.appointments)),
      )
      .unionAll(
        qb
          .select({
            id: medicalRecords.id,
            label: sql<string>`${patients.name}`,
            at: sql<Date | null>`${medicalRecords.visitedAt}`,
          })
          .from(medicalRecords)
          .innerJoin(patients, eq(patients.id, medicalRecords.patientId))
          .where(anyOf(medicalRecords.id, p.medical_records)),
      )
  );
});

/**
 * Names every id a page of audit rows shows — the record each row is about and the foreign keys in its old and
 * new values — with at most one query per table, and gives each row the names of its own ids.
 */
export async function withAuditNames<R extends NamedAuditRow>(
  db: Executor,
  rows: R[],
): Promise<(R & { names: Record<string, AuditName> })[]> {
  const perRow = rows.map(referencesOf);
  const wanted = new Map<NamedTable, Set<string>>();
  for (const refs of perRow)
    for (const [table, id] of refs) {
      if (!isNamedTable(table)) continue;
      if (!wanted.has(table)) wanted.set(table, new Set());
      wanted.get(table)!.add(id.toLowerCase());
    }
  const found = new Map<string, AuditName>();
  if (wanted.size > 0) {
    const ids = Object.fromEntries(NAMED_TABLES.map((table) => [table, [...(wanted.get(table) ?? [])]]));
    for (const r of await namesOf(db, ids as Record<NamedTable, string[]>)) {
      found.set(r.id, { label: r.label, at: r.at });
    }
  }
  return rows.map((row, i) => {
    const names: Record<string, AuditName> = {};
    for (const [, id] of perRow[i]!) {
      const name = found.get(id.toLowerCase());
      if (name) names[id] = name;
    }
    // The rows are the caller's fresh query results: completed in place (a copy of each costs more), by a plain
    // store: Object.assign adding a property to a row this size turns it into a dictionary (built-query.ts).
    const named = row as R & { names: Record<string, AuditName> };
    named.names = names;
    return named;
  });
}
