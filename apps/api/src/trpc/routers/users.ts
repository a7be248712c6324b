import { hashPassword, queries } from '@vetflow/db';
import type { PasswordContext } from '@vetflow/schema/password-strength';
import {
  byIdInput,
  setActiveInput,
  userCreateInput,
  userResetPasswordInput,
  userUpdateInput,
} from '@vetflow/schema/validators';
import { STAFF_ROLES } from '@vetflow/schema/values';
import { passwordProblem } from '../../auth/password-policy';
import { deleteUserSessions } from '../../auth/sessions';
import { type Context, requestMeta } from '../context';
import { DomainError, notFound } from '../errors';
import { roleProcedure, router } from '../init';
import { unwrapVersioned } from '../versioned';

async function assertGoodPassword(password: string, account: PasswordContext, field: string) {
  const problem = await passwordProblem(password, account);
  if (problem) throw new DomainError('BAD_REQUEST', problem, { field });
}

/** Signs a user out everywhere, with an audit event saying why. */
async function revokeAll(ctx: Context & { user: { id: string } }, userId: string, reason: string) {
  const revoked = await deleteUserSessions(ctx.tx, userId);
  if (revoked > 0) {
    await queries.recordAuthEvent(ctx.tx, {
      action: 'session_revoked',
      subjectUserId: userId,
      details: { reason, sessions: revoked },
      context: requestMeta(ctx),
    });
  }
  return revoked;
}

/**
 * Why an account the caller could name was not changed: it does not exist, or the database's row policy refused
 * (the caller stopped being an active admin meanwhile, say deactivated by another admin a moment before).
 */
async function notChanged(ctx: Context, id: string) {
  if (!(await queries.getUser(ctx.tx, id))) return notFound('User');
  return new DomainError('FORBIDDEN', 'Your role does not allow this action');
}

export const usersRouter = router({
  list: roleProcedure('admin').query(({ ctx }) => queries.listUsers(ctx.tx)),

  /** Who can be booked: every signed-in role needs this for the calendar. */
  veterinarians: roleProcedure(...STAFF_ROLES).query(({ ctx }) => queries.listActiveVeterinarians(ctx.tx)),

  create: roleProcedure('admin')
    .input(userCreateInput)
    .mutation(async ({ ctx, input }) => {
      await assertGoodPassword(input.password, input, 'password');
      const { password, ...values } = input;
      return queries.createUser(ctx.tx, { ...values, passwordHash: await hashPassword(password) });
    }),

  /** A role change signs the user out everywhere. */
  update: roleProcedure('admin')
    .input(userUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const before = await queries.getUser(ctx.tx, input.id);
      if (!before) throw notFound('User');
      if (input.id === ctx.user.id && input.role && input.role !== before.role) {
        throw new DomainError('BAD_REQUEST', 'You cannot change your own role', { field: 'role' });
      }
      const { id, updatedAt, ...values } = input;
      const user = unwrapVersioned(await queries.updateUser(ctx.tx, id, updatedAt, values), 'User');
      if (before.role !== user.role) await revokeAll(ctx, id, 'role changed');
      return user;
    }),

  setActive: roleProcedure('admin')
    .input(setActiveInput)
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.user.id && !input.isActive) {
        throw new DomainError('BAD_REQUEST', 'You cannot deactivate your own account', {
          field: 'isActive',
        });
      }
      const user = await queries.setUserActive(ctx.tx, input.id, input.isActive);
      if (!user) throw await notChanged(ctx, input.id);
      if (!input.isActive) await revokeAll(ctx, input.id, 'deactivated');
      return user;
    }),

  resetPassword: roleProcedure('admin')
    .input(userResetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const target = await queries.getUser(ctx.tx, input.id);
      if (!target) throw notFound('User');
      await assertGoodPassword(input.newPassword, target, 'newPassword');
      await queries.setUserPassword(ctx.tx, input.id, await hashPassword(input.newPassword), ctx.clock.now());
      await queries.recordAuthEvent(ctx.tx, {
        action: 'password_changed',
        subjectUserId: input.id,
        details: { by: 'admin reset' },
        context: requestMeta(ctx),
      });
      await revokeAll(ctx, input.id, 'password reset');
      const user = await queries.getUser(ctx.tx, input.id);
      return user!;
    }),

  revokeSessions: roleProcedure('admin')
    .input(byIdInput)
    .mutation(async ({ ctx, input }) => {
      const target = await queries.getUser(ctx.tx, input.id);
      if (!target) throw notFound('User');
      return { revoked: await revokeAll(ctx, input.id, 'revoked by an administrator') };
    }),
});
