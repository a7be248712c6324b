import { queries } from '@vetflow/db';
import {
  appointmentTypeCreateInput,
  appointmentTypeListInput,
  appointmentTypeUpdateInput,
  setActiveInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

/** Kinds of appointment with their default durations: everyone books with them, admins keep the list. */
export const appointmentTypesRouter = router({
  list: roleProcedure(...STAFF_ROLES)
    .input(appointmentTypeListInput)
    .query(({ ctx, input }) => queries.listAppointmentTypes(ctx.tx, input.includeInactive)),

  create: roleProcedure('admin')
    .input(appointmentTypeCreateInput)
    .mutation(({ ctx, input }) => queries.createAppointmentType(ctx.tx, input)),

  update: roleProcedure('admin')
    .input(appointmentTypeUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { id, updatedAt, ...values } = input;
      return unwrapVersioned(
        await queries.updateAppointmentType(ctx.tx, id, updatedAt, values),
        'Appointment type',
      );
    }),

  /** Deactivated, never deleted: appointments keep their type, new bookings no longer offer it. */
  setActive: roleProcedure('admin')
    .input(setActiveInput)
    .mutation(async ({ ctx, input }) => {
      const row = await queries.setAppointmentTypeActive(ctx.tx, input.id, input.isActive);
      if (!row) throw notFound('Appointment type');
      return row;
    }),
});
