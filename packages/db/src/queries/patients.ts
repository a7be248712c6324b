import { type Allergy, appointments, medicalRecords, owners, patients } from '@vetflow/schema';
import { CANCELLED_ON_DEATH } from '@vetflow/schema/appointment-status';
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { type ActiveFilter, activeCondition, holdsTime } from './conditions';
import { ownerSearchCondition } from './owners';
import { decodeCursor, toPage } from './pagination';
import { matchesAllWords } from './search';
import { versionedUpdate } from './versioning';

export type PatientRow = typeof patients.$inferSelect;
export type PatientValues = Omit<
  typeof patients.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'isActive' | 'deceasedAt'
>;

const ownerName = sql<string>`${owners.firstName} || ' ' || ${owners.lastName}`;

export async function listPatients(
  db: Executor,
  input: {
    search?: string | undefined;
    ownerId?: string | undefined;
    active: ActiveFilter;
    cursor?: string | null | undefined;
    limit: number;
  },
) {
  const after = decodeCursor(input.cursor, ['text', 'uuid']) as [string, string] | null;
  const search = input.search?.trim();
  const rows = await db
    .select({ ...getTableColumns(patients), ownerName })
    .from(patients)
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .where(
      and(
        activeCondition(patients.isActive, input.active),
        input.ownerId ? eq(patients.ownerId, input.ownerId) : undefined,
        // The pet's name, its owner's name, email or phone in any format (booking finds "Novak"'s pets), or the
        // exact microchip. The owners matching are found once (a hashed subplan over their own search text) rather than
        // testing the joined owner row by row: 2× the pet-name-only search instead of 3.5× on the bench data.
        search
          ? or(
              matchesAllWords(sql`${patients.name}`, search),
              inArray(
                patients.ownerId,
                db.select({ id: owners.id }).from(owners).where(ownerSearchCondition(search)),
              ),
              eq(patients.microchipId, search),
            )
          : undefined,
        after ? sql`(${patients.name}, ${patients.id}) > (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(asc(patients.name), asc(patients.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (r) => [r.name, r.id]);
}

export async function getPatientRow(db: Executor, id: string) {
  const [row] = await db.select().from(patients).where(eq(patients.id, id));
  return row;
}

/** How many of a patient's past appointments its chart shows (newest first). */
export const PAST_APPOINTMENTS_SHOWN = 50;

/**
 * The chart's data: the patient, the owner, the weights recorded at visits, the upcoming appointments (live
 * ones not yet over) and the past ones (over by `now`, every status, so no-shows and cancellations show too).
 */
export async function getPatient(db: Executor, id: string, now: Date) {
  const [row] = await db
    .select({
      patient: patients,
      owner: {
        id: owners.id,
        firstName: owners.firstName,
        lastName: owners.lastName,
        phone: owners.phone,
        email: owners.email,
        isActive: owners.isActive,
      },
    })
    .from(patients)
    .innerJoin(owners, eq(owners.id, patients.ownerId))
    .where(eq(patients.id, id));
  if (!row) return undefined;
  const weights = await db
    .select({ at: medicalRecords.visitedAt, weightKg: medicalRecords.weightKg })
    .from(medicalRecords)
    .where(and(eq(medicalRecords.patientId, id), isNotNull(medicalRecords.weightKg)))
    .orderBy(asc(medicalRecords.visitedAt))
    .limit(500);
  const appointmentColumns = {
    id: appointments.id,
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    status: appointments.status,
    reason: appointments.reason,
    veterinarianId: appointments.veterinarianId,
  };
  const upcoming = await db
    .select(appointmentColumns)
    .from(appointments)
    .where(and(eq(appointments.patientId, id), gt(appointments.endsAt, now), holdsTime()))
    .orderBy(asc(appointments.startsAt))
    .limit(20);
  const past = await db
    .select({ ...appointmentColumns, cancelReason: appointments.cancelReason })
    .from(appointments)
    .where(and(eq(appointments.patientId, id), lte(appointments.endsAt, now)))
    .orderBy(desc(appointments.startsAt), desc(appointments.id))
    .limit(PAST_APPOINTMENTS_SHOWN);
  return {
    ...row.patient,
    owner: row.owner,
    weightHistory: weights.filter((w): w is { at: Date; weightKg: number } => w.weightKg !== null),
    upcomingAppointments: upcoming,
    pastAppointments: past,
  };
}

export async function createPatient(db: Executor, values: PatientValues) {
  const [row] = await db.insert(patients).values(values).returning();
  return row!;
}

export async function updatePatient(db: Executor, id: string, seen: Date, values: Partial<PatientValues>) {
  return versionedUpdate(
    db,
    { tableName: 'patients', id, seen, loadCurrent: () => getPatientRow(db, id) },
    values,
    () =>
      db
        .update(patients)
        .set(values)
        .where(and(eq(patients.id, id), eq(patients.updatedAt, seen)))
        .returning(),
  );
}

export async function setPatientActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db.update(patients).set({ isActive }).where(eq(patients.id, id)).returning();
  return row;
}

/**
 * Marks a patient deceased and cancels every appointment still waiting to happen (scheduled or confirmed),
 * including past ones nobody moved on: they did not take place and must not linger as "Scheduled". Arrived,
 * in-progress and finished ones keep their status. Returns how many were cancelled.
 */
export async function markPatientDeceased(db: Executor, id: string, deceasedAt: Date) {
  const [row] = await db.update(patients).set({ deceasedAt }).where(eq(patients.id, id)).returning();
  if (!row) return undefined;
  const cancelled = await db
    .update(appointments)
    .set({ status: 'cancelled', cancelReason: 'Patient deceased' })
    .where(and(eq(appointments.patientId, id), inArray(appointments.status, [...CANCELLED_ON_DEATH])))
    .returning({ id: appointments.id });
  return { patient: row, cancelledAppointments: cancelled.length };
}

/**
 * What a visit teaches about the patient, written after its record in the same transaction: allergies found are
 * appended. The current weight is the database's to keep (migration 0008, at commit); when allergies change the
 * patient anyway, the same update takes the weight too, so the patient's audit trail shows one change per visit.
 */
export async function applyVisitFindings(
  db: Executor,
  patientId: string,
  visit: { newAllergies: Allergy[] },
) {
  if (visit.newAllergies.length === 0) return;
  const patient = await getPatientRow(db, patientId);
  if (!patient) return;
  await db
    .update(patients)
    .set({
      allergies: [...patient.allergies, ...visit.newAllergies],
      weightKg: sql`coalesce(vetflow_latest_visit_weight(${patients.id}), ${patients.weightKg})`,
    })
    .where(eq(patients.id, patientId));
}
