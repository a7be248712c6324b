import { type Executor, queries } from '@vetflow/db';
import {
  byIdInput,
  patientCreateInput,
  patientListInput,
  patientMarkDeceasedInput,
  patientUpdateInput,
  setActiveInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { DomainError, notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

/** A pet is registered to (or moved to) an existing, active owner. */
async function assertActiveOwner(tx: Executor, ownerId: string) {
  const owner = await queries.getOwnerRow(tx, ownerId);
  if (!owner) throw new DomainError('BAD_REQUEST', 'Owner not found', { field: 'ownerId' });
  if (!owner.isActive) {
    throw new DomainError('BAD_REQUEST', 'The owner is inactive', { field: 'ownerId' });
  }
}

export const patientsRouter = router({
  list: roleProcedure(...STAFF_ROLES)
    .input(patientListInput)
    .query(({ ctx, input }) => queries.listPatients(ctx.tx, input)),

  get: roleProcedure(...STAFF_ROLES)
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const patient = await queries.getPatient(ctx.tx, input.id, ctx.clock.now());
      if (!patient) throw notFound('Patient');
      return patient;
    }),

  create: roleProcedure(...STAFF_ROLES)
    .input(patientCreateInput)
    .mutation(async ({ ctx, input }) => {
      await assertActiveOwner(ctx.tx, input.ownerId);
      return queries.createPatient(ctx.tx, input);
    }),

  update: roleProcedure(...STAFF_ROLES)
    .input(patientUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { id, updatedAt, ...values } = input;
      if (values.ownerId) await assertActiveOwner(ctx.tx, values.ownerId);
      return unwrapVersioned(await queries.updatePatient(ctx.tx, id, updatedAt, values), 'Patient');
    }),

  setActive: roleProcedure('admin')
    .input(setActiveInput)
    .mutation(async ({ ctx, input }) => {
      const patient = await queries.setPatientActive(ctx.tx, input.id, input.isActive);
      if (!patient) throw notFound('Patient');
      return patient;
    }),

  /** Records a death and cancels the patient's appointments still waiting to happen, in the same transaction. */
  markDeceased: roleProcedure('admin', 'veterinarian')
    .input(patientMarkDeceasedInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await queries.getPatientRow(ctx.tx, input.id);
      if (!existing) throw notFound('Patient');
      if (existing.deceasedAt) throw new DomainError('CONFLICT', 'This patient is already marked deceased');
      const result = await queries.markPatientDeceased(ctx.tx, input.id, input.deceasedAt ?? ctx.clock.now());
      if (!result) throw notFound('Patient');
      return result;
    }),
});
