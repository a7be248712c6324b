import { queries } from '@vetflow/db';
import {
  byIdInput,
  medicalRecordAddendumInput,
  medicalRecordAmendInput,
  medicalRecordCreateInput,
  medicalRecordListInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import type { Context } from '../context';
import { DomainError, notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

type RecordWithVet = Awaited<ReturnType<typeof queries.listRecordsForPatient>>[number];
type RecordSummary = Awaited<ReturnType<typeof queries.listRecordSummariesForPatient>>[number];

/**
 * What an assistant may see of a visit: date, vet, reason, follow-up. No clinical field: read from the summary
 * view, since the assistant's database role cannot read the clinical columns.
 */
function summary(record: RecordSummary) {
  return {
    kind: 'summary' as const,
    id: record.id,
    patientId: record.patientId,
    visitedAt: record.visitedAt,
    veterinarianId: record.veterinarianId,
    veterinarianName: record.veterinarianName,
    reason: record.reason,
    followUpOn: record.followUpOn,
    amendsRecordId: record.amendsRecordId,
  };
}

function full(record: RecordWithVet, ctx: Context) {
  const now = ctx.clock.now();
  // The record is the query's own row: completed in place (a spread copy cost microseconds per row on Node 20), by
  // plain stores: Object.assign adding properties to a row this size makes it a dictionary (built-query.ts).
  const completed = record as RecordWithVet & { kind: 'full'; locked: boolean; amendableUntil: Date };
  completed.kind = 'full';
  completed.locked = queries.isLocked(record, now);
  completed.amendableUntil = new Date(record.createdAt.getTime() + queries.AMEND_WINDOW_MS);
  return completed;
}

/**
 * Checks that a visit may be recorded for the appointment and completes it. The row is locked first, so two vets
 * saving at once are serialised: the second sees the first's record and is refused.
 */
async function completeAppointmentWithVisit(
  ctx: Context,
  appointmentId: string,
  patientId: string,
  visitedAt: Date,
) {
  const field = { field: 'appointmentId' };
  const appointment = await queries.getAppointmentRow(ctx.tx, appointmentId, true);
  if (appointment?.patientId !== patientId) {
    throw new DomainError('BAD_REQUEST', 'No such appointment for this patient', field);
  }
  if (appointment.status === 'cancelled' || appointment.status === 'no_show') {
    const what = appointment.status === 'cancelled' ? 'was cancelled' : 'was a no-show';
    throw new DomainError('CONFLICT', `This appointment ${what}; record the visit without it`, field);
  }
  if (await queries.getVisitRecordIdForAppointment(ctx.tx, appointmentId)) {
    throw new DomainError(
      'CONFLICT',
      'A visit is already recorded for this appointment; amend it or add an addendum instead',
      field,
    );
  }
  // Completed by hand before anyone recorded the visit: the record is simply attached.
  if (appointment.status === 'completed') return;
  const done = await queries.completeWithVisit(ctx.tx, appointment, visitedAt, ctx.clock.now());
  if (!done) throw new DomainError('CONFLICT', 'The appointment changed meanwhile; reload and try again');
}

const seesClinicalFields = (ctx: Context) => ctx.user?.role === 'admin' || ctx.user?.role === 'veterinarian';

export const medicalRecordsRouter = router({
  listForPatient: roleProcedure(...STAFF_ROLES)
    .input(medicalRecordListInput)
    .query(async ({ ctx, input }) => {
      // The patient and its records in one round trip (pipelined); an unknown patient has no records either.
      const [patient, records] = await Promise.all([
        queries.getPatientRow(ctx.tx, input.patientId),
        seesClinicalFields(ctx)
          ? queries
              .listRecordsForPatient(ctx.tx, input.patientId)
              .then((rows) => rows.map((r) => full(r, ctx)))
          : queries.listRecordSummariesForPatient(ctx.tx, input.patientId).then((rows) => rows.map(summary)),
      ]);
      if (!patient) throw notFound('Patient');
      return records;
    }),

  get: roleProcedure(...STAFF_ROLES)
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      if (!seesClinicalFields(ctx)) {
        const record = await queries.getRecordSummary(ctx.tx, input.id);
        if (!record) throw notFound('Medical record');
        return summary(record);
      }
      const record = await queries.getRecord(ctx.tx, input.id);
      if (!record) throw notFound('Medical record');
      return { ...full(record, ctx), addenda: record.addenda };
    }),

  /**
   * Always attributed to the acting veterinarian; the visit's weight and new allergies update the patient too. A
   * visit recorded for an appointment completes it in the same transaction (one step at the desk, not four); an
   * appointment holds one visit record (corrections are amendments or addenda).
   */
  create: roleProcedure('veterinarian')
    .input(medicalRecordCreateInput)
    .mutation(async ({ ctx, input }) => {
      const patient = await queries.getPatientRow(ctx.tx, input.patientId);
      if (!patient) throw new DomainError('BAD_REQUEST', 'Patient not found', { field: 'patientId' });
      const now = ctx.clock.now();
      const { visitedAt = now, newAllergies, ...fields } = input;
      if (input.appointmentId)
        await completeAppointmentWithVisit(ctx, input.appointmentId, input.patientId, visitedAt);
      const record = await queries.createRecord(ctx.tx, {
        ...fields,
        visitedAt,
        veterinarianId: ctx.user.id,
      });
      await queries.applyVisitFindings(ctx.tx, input.patientId, { newAllergies });
      return record;
    }),

  /**
   * The author only, within 24 hours of creating the record; after that corrections are addenda. Read without a
   * lock, to say why a change is refused: row-level security lets the update (and a lock) reach only the
   * author's open records, and the versioned update is the atomic check.
   */
  amend: roleProcedure('veterinarian')
    .input(medicalRecordAmendInput)
    .mutation(async ({ ctx, input }) => {
      const record = await queries.getRecordRow(ctx.tx, input.id);
      if (!record) throw notFound('Medical record');
      if (record.veterinarianId !== ctx.user.id) {
        throw new DomainError('FORBIDDEN', 'Only the veterinarian who wrote this record can amend it');
      }
      if (queries.isLocked(record, ctx.clock.now())) {
        throw new DomainError(
          'CONFLICT',
          'The record is locked (more than 24 hours old); add an addendum instead',
        );
      }
      const { id, updatedAt, ...values } = input;
      return unwrapVersioned(await queries.amendRecord(ctx.tx, id, updatedAt, values), 'Medical record');
    }),

  /** A correction linked to the original; the original stays as it was. */
  addAddendum: roleProcedure('veterinarian')
    .input(medicalRecordAddendumInput)
    .mutation(async ({ ctx, input }) => {
      const original = await queries.getRecordRow(ctx.tx, input.recordId);
      if (!original) throw notFound('Medical record');
      const { recordId, ...fields } = input;
      return queries.createRecord(ctx.tx, {
        ...fields,
        patientId: original.patientId,
        appointmentId: original.appointmentId,
        amendsRecordId: original.amendsRecordId ?? recordId,
        visitedAt: original.visitedAt,
        veterinarianId: ctx.user.id,
      });
    }),
});
