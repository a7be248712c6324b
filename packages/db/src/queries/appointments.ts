import { type AppointmentStatus, appointments, LIMITS, owners, patients, systemUsers } from '@vetflow/schema';
import { and, asc, eq, getTableColumns, gt, gte, lt, sql } from 'drizzle-orm';
import type { QueryBuilder } from 'drizzle-orm/pg-core';
import { selectByShape, selectOnce } from '../built-query';
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

function withNames(qb: QueryBuilder) {
  return qb
    .select(listColumns)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .innerJoin(systemUsers, eq(systemUsers.id, appointments.veterinarianId));
}

// Built once per shape (built-query.ts): the calendar and every vet's day read this all day long.
const appointmentsInRange = selectByShape(
  ['earliestStart', 'from', 'to', 'veterinarianId', 'patientId'],
  (qb, p, shape: Record<'byVeterinarian' | 'byPatient' | 'withCancelled', boolean>) =>
    withNames(qb)
      .where(
        and(
          gte(appointments.startsAt, p.earliestStart),
          lt(appointments.startsAt, p.to),
          gt(appointments.endsAt, p.from),
          shape.byVeterinarian ? eq(appointments.veterinarianId, p.veterinarianId) : undefined,
          shape.byPatient ? eq(appointments.patientId, p.patientId) : undefined,
          shape.withCancelled ? undefined : holdsTime(),
        ),
      )
      .orderBy(asc(appointments.startsAt), asc(appointments.id))
      .limit(MAX_APPOINTMENTS_PER_LIST),
);

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
  return appointmentsInRange(
    db,
    {
      byVeterinarian: Boolean(input.veterinarianId),
      byPatient: Boolean(input.patientId),
      withCancelled: input.includeCancelled,
    },
    {
      // Appointments last at most LIMITS.maxAppointmentMinutes (a CHECK), so the start bounds the search too.
      earliestStart: new Date(input.from.getTime() - LIMITS.maxAppointmentMinutes * 60_000),
      from: input.from,
      to: input.to,
      veterinarianId: input.veterinarianId,
      patientId: input.patientId,
    },
  );
}

const appointmentWithNames = selectOnce(['id'], (qb, p) => withNames(qb).where(eq(appointments.id, p.id)));

export async function getAppointment(db: Executor, id: string) {
  const [row] = await appointmentWithNames(db, { id });
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
