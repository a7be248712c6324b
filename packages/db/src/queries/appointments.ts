import { type AppointmentStatus, appointments, LIMITS, owners, patients, systemUsers } from '@vetflow/schema';
import { and, asc, eq, getTableColumns, gt, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { holdsTime } from './conditions';
import { versionedUpdate } from './versioning';

export type AppointmentRow = typeof appointments.$inferSelect;

/** A range query is bounded by its validator (≤ 42 days); this caps the rows it may return all the same. */
const MAX_APPOINTMENTS_PER_LIST = 2000;

const listColumns = {
  ...getTableColumns(appointments),
  patient: {
    id: patients.id,
    name: patients.name,
    species: patients.species,
    allergies: patients.allergies,
    deceasedAt: patients.deceasedAt,
  },
  owner: { id: owners.id, firstName: owners.firstName, lastName: owners.lastName, phone: owners.phone },
  veterinarian: { id: systemUsers.id, fullName: systemUsers.fullName },
  // The visit recorded for it, so the desk offers "Open record" rather than recording it twice. Written out:
  // inside a subquery Drizzle would leave the outer column unqualified (medical_records_appointment_id_idx).
  recordId: sql<
    string | null
  >`(select m."id" from "medical_records" m where m."appointment_id" = "appointments"."id" and m."amends_record_id" is null limit 1)`,
};

function withNames(db: Executor) {
  return db
    .select(listColumns)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .innerJoin(systemUsers, eq(systemUsers.id, appointments.veterinarianId));
}

export async function listAppointments(
  db: Executor,
  input: {
    from: Date;
    to: Date;
    veterinarianId?: string | undefined;
    patientId?: string | undefined;
    includeCancelled: boolean;
  },
) {
  return withNames(db)
    .where(
      and(
        // Appointments last at most LIMITS.maxAppointmentMinutes (a CHECK), so the start bounds the search too.
        gte(appointments.startsAt, new Date(input.from.getTime() - LIMITS.maxAppointmentMinutes * 60_000)),
        lt(appointments.startsAt, input.to),
        gt(appointments.endsAt, input.from),
        input.veterinarianId ? eq(appointments.veterinarianId, input.veterinarianId) : undefined,
        input.patientId ? eq(appointments.patientId, input.patientId) : undefined,
        input.includeCancelled ? undefined : holdsTime(),
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(MAX_APPOINTMENTS_PER_LIST);
}

export async function getAppointment(db: Executor, id: string) {
  const [row] = await withNames(db).where(eq(appointments.id, id));
  return row;
}

export async function getAppointmentRow(db: Executor, id: string, forUpdate = false) {
  const query = db.select().from(appointments).where(eq(appointments.id, id));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

export async function createAppointment(db: Executor, values: typeof appointments.$inferInsert) {
  const [row] = await db.insert(appointments).values(values).returning();
  return row!;
}

export async function rescheduleAppointment(
  db: Executor,
  id: string,
  seen: Date,
  values: { startsAt: Date; endsAt: Date; veterinarianId?: string | undefined },
) {
  return versionedUpdate(
    db,
    { tableName: 'appointments', id, seen, loadCurrent: () => getAppointmentRow(db, id) },
    values,
    () =>
      db
        .update(appointments)
        .set(values)
        .where(and(eq(appointments.id, id), eq(appointments.updatedAt, seen)))
        .returning(),
  );
}

/**
 * A visit recorded for an appointment finishes it in one step: whatever live status it was in (the vet may record
 * straight from a check-in, or reception never checked the patient in), it becomes completed. The visit began when
 * the record says, unless it was started before; `checked_in_at` is only ever set by a real check-in.
 */
export async function completeWithVisit(db: Executor, current: AppointmentRow, visitedAt: Date, now: Date) {
  const startedAt = current.startedAt ?? (visitedAt < now ? visitedAt : now);
  const [row] = await db
    .update(appointments)
    .set({ status: 'completed', startedAt, completedAt: now })
    .where(and(eq(appointments.id, current.id), eq(appointments.status, current.status)))
    .returning();
  return row;
}

/** Moves an appointment along a transition the caller checked (`canMove`) and stamps when it happened. */
export async function setAppointmentStatus(
  db: Executor,
  current: AppointmentRow,
  status: AppointmentStatus,
  now: Date,
  cancelReason?: string,
) {
  const stamps: Partial<AppointmentRow> = {};
  if (status === 'checked_in') stamps.checkedInAt = now;
  if (status === 'in_progress') stamps.startedAt = now;
  if (status === 'completed') stamps.completedAt = now;
  if (status === 'cancelled') stamps.cancelReason = cancelReason ?? null;
  // Going back from confirmed to scheduled keeps no stamps to undo; check-in stamps are never erased.
  const [row] = await db
    .update(appointments)
    .set({ status, ...stamps })
    .where(and(eq(appointments.id, current.id), eq(appointments.status, current.status)))
    .returning();
  return row;
}
