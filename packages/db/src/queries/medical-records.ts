import { medicalRecords, medicalRecordsSummary, systemUsers } from '@vetflow/schema';
import { and, asc, desc, eq, getTableColumns, getViewSelectedFields, isNull } from 'drizzle-orm';
import { selectOnce } from '../built-query';
import type { Executor } from '../client';
import { versionedUpdate } from './versioning';

export type MedicalRecordRow = typeof medicalRecords.$inferSelect;
export type MedicalRecordValues = Omit<typeof medicalRecords.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** The author may amend a record for this long after creating it; then it is locked. */
export const AMEND_WINDOW_MS = 24 * 60 * 60 * 1000;
export const isLocked = (record: { createdAt: Date }, now: Date) =>
  now.getTime() - record.createdAt.getTime() >= AMEND_WINDOW_MS;

const historyOf = selectOnce(['patientId'], (qb, p) =>
  qb
    .select({ ...getTableColumns(medicalRecords), veterinarianName: systemUsers.fullName })
    .from(medicalRecords)
    .innerJoin(systemUsers, eq(systemUsers.id, medicalRecords.veterinarianId))
    .where(eq(medicalRecords.patientId, p.patientId))
    .orderBy(desc(medicalRecords.visitedAt), desc(medicalRecords.createdAt))
    .limit(500),
);

/** A patient's history, newest first, with the authoring veterinarian's name. At most 500 visits. */
export async function listRecordsForPatient(db: Executor, patientId: string) {
  return historyOf(db, { patientId });
}

const summariesOf = selectOnce(['patientId'], (qb, p) =>
  qb
    .select({ ...getViewSelectedFields(medicalRecordsSummary), veterinarianName: systemUsers.fullName })
    .from(medicalRecordsSummary)
    .innerJoin(systemUsers, eq(systemUsers.id, medicalRecordsSummary.veterinarianId))
    .where(eq(medicalRecordsSummary.patientId, p.patientId))
    .orderBy(desc(medicalRecordsSummary.visitedAt), desc(medicalRecordsSummary.createdAt))
    .limit(500),
);

/**
 * The same history as an assistant may read it: no clinical field, from the medical_records_summary view (the
 * assistant's database role cannot read the clinical columns of the table).
 */
export async function listRecordSummariesForPatient(db: Executor, patientId: string) {
  return summariesOf(db, { patientId });
}

export async function getRecordSummary(db: Executor, id: string) {
  const [row] = await db
    .select({ ...getViewSelectedFields(medicalRecordsSummary), veterinarianName: systemUsers.fullName })
    .from(medicalRecordsSummary)
    .innerJoin(systemUsers, eq(systemUsers.id, medicalRecordsSummary.veterinarianId))
    .where(eq(medicalRecordsSummary.id, id));
  return row;
}

export async function getRecord(db: Executor, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(medicalRecords), veterinarianName: systemUsers.fullName })
    .from(medicalRecords)
    .innerJoin(systemUsers, eq(systemUsers.id, medicalRecords.veterinarianId))
    .where(eq(medicalRecords.id, id));
  if (!row) return undefined;
  const addenda = await db
    .select({ id: medicalRecords.id, createdAt: medicalRecords.createdAt })
    .from(medicalRecords)
    .where(eq(medicalRecords.amendsRecordId, id))
    .orderBy(asc(medicalRecords.createdAt));
  return { ...row, addenda };
}

export async function getRecordRow(db: Executor, id: string) {
  const [row] = await db.select().from(medicalRecords).where(eq(medicalRecords.id, id));
  return row;
}

/** The visit record written for an appointment (not its addenda, which share the appointment), if any. */
export async function getVisitRecordIdForAppointment(db: Executor, appointmentId: string) {
  const [row] = await db
    .select({ id: medicalRecords.id })
    .from(medicalRecords)
    .where(and(eq(medicalRecords.appointmentId, appointmentId), isNull(medicalRecords.amendsRecordId)))
    .limit(1);
  return row?.id;
}

export async function createRecord(db: Executor, values: MedicalRecordValues) {
  const [row] = await db.insert(medicalRecords).values(values).returning();
  return row!;
}

export async function amendRecord(
  db: Executor,
  id: string,
  seen: Date,
  values: Partial<MedicalRecordValues>,
) {
  return versionedUpdate(
    db,
    { tableName: 'medical_records', id, seen, loadCurrent: () => getRecordRow(db, id) },
    values,
    () =>
      db
        .update(medicalRecords)
        .set(values)
        .where(and(eq(medicalRecords.id, id), eq(medicalRecords.updatedAt, seen)))
        .returning(),
  );
}
