import { z } from 'zod';
import { LIMITS, USER_ROLES } from '../values';
import { email, expectedUpdatedAt, id, password, requiredText } from './common';

export const username = z
  .string({ error: 'Required' })
  .trim()
  .max(LIMITS.username, { error: `At most ${LIMITS.username} characters`, abort: true })
  .regex(new RegExp(`^[a-zA-Z0-9._-]{3,${LIMITS.username}}$`), {
    error: `3 to ${LIMITS.username} letters, digits, dots, dashes or underscores`,
  });

const role = z.enum(USER_ROLES, { error: `One of: ${USER_ROLES.join(', ')}` });

export const userCreateInput = z.strictObject({
  username,
  email,
  fullName: requiredText(LIMITS.name),
  role,
  password,
});
export const userUpdateInput = z.strictObject({
  id,
  updatedAt: expectedUpdatedAt,
  email: email.optional(),
  fullName: requiredText(LIMITS.name).optional(),
  role: role.optional(),
});
/** What anyone may change about themselves: name and email (role and username are an admin's). */
export const profileUpdateInput = z.strictObject({
  updatedAt: expectedUpdatedAt,
  email: email.optional(),
  fullName: requiredText(LIMITS.name).optional(),
});
export const userResetPasswordInput = z.strictObject({ id, newPassword: password });

export type UserCreateInput = z.input<typeof userCreateInput>;
