import { queries } from '@vetflow/db';
import {
  clinicSettingsUpdateInput,
  freeSlotsInput,
  veterinarianScheduleInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { DomainError } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

/** The clinic's time zone and opening hours, the vets' working days, and a vet's free time on a day. */
export const scheduleRouter = router({
  settings: roleProcedure(...STAFF_ROLES).query(({ ctx }) => queries.getClinicSchedule(ctx.tx)),

  updateSettings: roleProcedure('admin')
    .input(clinicSettingsUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { updatedAt, ...values } = input;
      return unwrapVersioned(
        await queries.updateClinicSchedule(ctx.tx, updatedAt, values),
        'Clinic settings',
      );
    }),

  veterinarians: roleProcedure(...STAFF_ROLES).query(({ ctx }) => queries.listVeterinarianSchedules(ctx.tx)),

  setWorkingDays: roleProcedure('admin')
    .input(veterinarianScheduleInput)
    .mutation(async ({ ctx, input }) => {
      const vets = await queries.listActiveVeterinarians(ctx.tx);
      if (!vets.some((v) => v.id === input.veterinarianId)) {
        throw new DomainError('BAD_REQUEST', 'Not an active veterinarian', { field: 'veterinarianId' });
      }
      return queries.setWorkingDays(ctx.tx, input.veterinarianId, input.workingDays);
    }),

  freeSlots: roleProcedure(...STAFF_ROLES)
    .input(freeSlotsInput)
    .query(({ ctx, input }) => queries.freeTime(ctx.tx, { ...input, notBefore: ctx.clock.now() })),
});
