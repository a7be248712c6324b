import { queries } from '@vetflow/db';
import { ownerCreateInput, ownerListInput, ownerUpdateInput } from '@vetflow/schema/validators';
import { z } from 'zod';
import { notFound } from '../errors';
import { mutationProcedure, router, userProcedure } from '../init';
import { unwrapVersioned } from '../versioned';

const byId = z.strictObject({ id: z.uuid({ error: 'Must be a valid id' }) });

export const ownersRouter = router({
  list: userProcedure.input(ownerListInput).query(({ ctx, input }) => queries.listOwners(ctx.tx, input)),

  get: userProcedure.input(byId).query(async ({ ctx, input }) => {
    const owner = await queries.getOwner(ctx.tx, input.id);
    if (!owner) throw notFound('Owner');
    return owner;
  }),

  create: mutationProcedure
    .input(ownerCreateInput)
    .mutation(({ ctx, input }) => queries.createOwner(ctx.tx, input)),

  update: mutationProcedure.input(ownerUpdateInput).mutation(async ({ ctx, input }) => {
    const { id, updatedAt, ...values } = input;
    return unwrapVersioned(await queries.updateOwner(ctx.tx, id, updatedAt, values), 'Owner');
  }),

  setActive: mutationProcedure
    .input(byId.extend({ isActive: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const owner = await queries.setOwnerActive(ctx.tx, input.id, input.isActive);
      if (!owner) throw notFound('Owner');
      return owner;
    }),
});

export { byId };
