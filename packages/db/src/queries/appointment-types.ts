import { appointmentTypes } from '@vetflow/schema';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { selectOnce } from '../built-query';
import type { Executor } from '../client';
import { versionedUpdate } from './versioning';

export type AppointmentTypeRow = typeof appointmentTypes.$inferSelect;

/** A clinic has a handful of types; bounded all the same. */
export async function listAppointmentTypes(db: Executor, includeInactive: boolean) {
  return db
    .select()
    .from(appointmentTypes)
    .where(includeInactive ? undefined : eq(appointmentTypes.isActive, true))
    .orderBy(asc(appointmentTypes.name))
    .limit(500);
}

// Built once (built-query.ts): every booking with a type reads it.
const appointmentTypeById = selectOnce(['id'], (qb, p) =>
  qb.select(getTableColumns(appointmentTypes)).from(appointmentTypes).where(eq(appointmentTypes.id, p.id)),
);

export async function getAppointmentType(db: Executor, id: string) {
  const [row] = await appointmentTypeById(db, { id });
  return row;
}

export async function createAppointmentType(db: Executor, values: { name: string; defaultMinutes: number }) {
  const [row] = await db.insert(appointmentTypes).values(values).returning();
  return row!;
}

export async function updateAppointmentType(
  db: Executor,
  id: string,
  seen: Date,
  values: { name?: string | undefined; defaultMinutes?: number | undefined },
) {
  return versionedUpdate(
    db,
    { tableName: 'appointment_types', id, seen, loadCurrent: () => getAppointmentType(db, id) },
    values,
    () =>
      db
        .update(appointmentTypes)
        .set(values)
        .where(and(eq(appointmentTypes.id, id), eq(appointmentTypes.updatedAt, seen)))
        .returning(),
  );
}

export async function setAppointmentTypeActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db
    .update(appointmentTypes)
    .set({ isActive })
    .where(eq(appointmentTypes.id, id))
    .returning();
  return row;
}
