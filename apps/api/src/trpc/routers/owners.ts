import { queries } from '@vetflow/db';
import {
  byIdInput,
  ownerCreateInput,
  ownerListInput,
  ownerUpdateInput,
  setActiveInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

export const ownersRouter = router({
  list: roleProcedure(...STAFF_ROLES)
    .input(ownerListInput)
    .query(({ ctx, input }) => queries.listOwners(ctx.tx, input)),

  get: roleProcedure(...STAFF_ROLES)
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const owner = await queries.getOwner(ctx.tx, input.id);
      if (!owner) throw notFound('Owner');
      return owner;
    }),

  create: roleProcedure(...STAFF_ROLES)
    .input(ownerCreateInput)
    .mutation(({ ctx, input }) => queries.createOwner(ctx.tx, input)),

  update: roleProcedure(...STAFF_ROLES)
    .input(ownerUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { id, updatedAt, ...values } = input;
      return unwrapVersioned(await queries.updateOwner(ctx.tx, id, updatedAt, values), 'Owner');
    }),

  setActive: roleProcedure('admin')
    .input(setActiveInput)
    .mutation(async ({ ctx, input }) => {
      const owner = await queries.setOwnerActive(ctx.tx, input.id, input.isActive);
      if (!owner) throw notFound('Owner');
      return owner;
    }),
});
