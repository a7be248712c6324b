import { queries } from '@vetflow/db';
import { canMove, canReschedule } from '@vetflow/schema/appointment-status';
import {
  appointmentCancelInput,
  appointmentCreateInput,
  appointmentListInput,
  appointmentRescheduleInput,
  appointmentSetStatusInput,
  byIdInput,
  PAST_START_MESSAGE,
  startsInThePast,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { checkOpeningHours, writeBooking } from '../booking-rules';
import { DomainError, notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

export const appointmentsRouter = router({
  list: roleProcedure(...STAFF_ROLES)
    .input(appointmentListInput)
    .query(({ ctx, input }) => queries.listAppointments(ctx.tx, input)),

  get: roleProcedure(...STAFF_ROLES)
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const appointment = await queries.getAppointment(ctx.tx, input.id);
      if (!appointment) throw notFound('Appointment');
      return appointment;
    }),

  /** The database refuses double bookings and unbookable patients/vets; errors.ts words the refusal. */
  create: roleProcedure(...STAFF_ROLES)
    .input(appointmentCreateInput)
    .mutation(async ({ ctx, input }) => {
      if (startsInThePast(input.startsAt, ctx.clock.now())) {
        throw new DomainError('BAD_REQUEST', PAST_START_MESSAGE, { field: 'startsAt' });
      }
      const patient = await queries.getPatientRow(ctx.tx, input.patientId);
      if (!patient) throw new DomainError('BAD_REQUEST', 'Patient not found', { field: 'patientId' });
      if (input.appointmentTypeId) {
        const type = await queries.getAppointmentType(ctx.tx, input.appointmentTypeId);
        if (!type?.isActive) {
          throw new DomainError('BAD_REQUEST', 'Choose an active appointment type', {
            field: 'appointmentTypeId',
          });
        }
      }
      const { outsideHours, ...values } = input;
      await checkOpeningHours(ctx.tx, input, outsideHours);
      return writeBooking(ctx.tx, input, ctx.clock.now(), (tx) =>
        queries.createAppointment(tx, { ...values, status: 'scheduled', createdBy: ctx.user.id }),
      );
    }),

  reschedule: roleProcedure(...STAFF_ROLES)
    .input(appointmentRescheduleInput)
    .mutation(async ({ ctx, input }) => {
      const current = await queries.getAppointmentRow(ctx.tx, input.id, true);
      if (!current) throw notFound('Appointment');
      if (!canReschedule(current.status)) {
        throw new DomainError(
          'CONFLICT',
          `A ${current.status.replace('_', ' ')} appointment cannot be rescheduled`,
        );
      }
      // Moving it into the past is refused; keeping its start (another vet, a longer slot) is not a new booking.
      const moved = input.startsAt.getTime() !== current.startsAt.getTime();
      if (moved && startsInThePast(input.startsAt, ctx.clock.now())) {
        throw new DomainError('BAD_REQUEST', PAST_START_MESSAGE, { field: 'startsAt' });
      }
      const { id, updatedAt, outsideHours, ...slot } = input;
      const booking = {
        ...slot,
        veterinarianId: slot.veterinarianId ?? current.veterinarianId,
        patientId: current.patientId,
        excludeAppointmentId: id,
      };
      await checkOpeningHours(ctx.tx, booking, outsideHours);
      return unwrapVersioned(
        await writeBooking(ctx.tx, booking, ctx.clock.now(), (tx) =>
          queries.rescheduleAppointment(tx, id, updatedAt, slot),
        ),
        'Appointment',
      );
    }),

  setStatus: roleProcedure(...STAFF_ROLES)
    .input(appointmentSetStatusInput)
    .mutation(async ({ ctx, input }) => {
      const current = await queries.getAppointmentRow(ctx.tx, input.id, true);
      if (!current) throw notFound('Appointment');
      if (input.status === 'cancelled') {
        throw new DomainError('BAD_REQUEST', 'Use cancel, which records the reason', {
          field: 'status',
        });
      }
      if (!canMove(current.status, input.status)) {
        throw new DomainError(
          'CONFLICT',
          `An appointment cannot move from ${current.status} to ${input.status}`,
        );
      }
      const updated = await queries.setAppointmentStatus(ctx.tx, current, input.status, ctx.clock.now());
      if (!updated)
        throw new DomainError('CONFLICT', 'The appointment changed meanwhile; reload and try again');
      return updated;
    }),

  cancel: roleProcedure(...STAFF_ROLES)
    .input(appointmentCancelInput)
    .mutation(async ({ ctx, input }) => {
      const current = await queries.getAppointmentRow(ctx.tx, input.id, true);
      if (!current) throw notFound('Appointment');
      if (!canMove(current.status, 'cancelled')) {
        throw new DomainError(
          'CONFLICT',
          `A ${current.status.replace('_', ' ')} appointment cannot be cancelled`,
        );
      }
      const updated = await queries.setAppointmentStatus(
        ctx.tx,
        current,
        'cancelled',
        ctx.clock.now(),
        input.reason,
      );
      if (!updated)
        throw new DomainError('CONFLICT', 'The appointment changed meanwhile; reload and try again');
      return updated;
    }),
});
