import { z } from 'zod';
import { LIMITS } from '../values';
import { boundedString, password } from './common';

/** Login accepts any bounded text: whether it is right is for the server to say, with one generic message. */
export const loginInput = z.strictObject({
  username: z
    .string({ error: 'Required' })
    .trim()
    .min(1, { error: 'Required' })
    .max(LIMITS.username + 20),
  password: z.string({ error: 'Required' }).min(1, { error: 'Required' }).max(LIMITS.passwordMax),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string({ error: 'Required' }).min(1, { error: 'Required' }).max(LIMITS.passwordMax),
  newPassword: password,
});

export const revokeSessionInput = z.strictObject({
  sessionId: boundedString(64, 'Unknown session').regex(/^[0-9a-f]{64}$/, 'Unknown session'),
});
