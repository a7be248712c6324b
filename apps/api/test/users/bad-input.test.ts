/**
 * Bad input to the users router: every refusal is BAD_REQUEST, NOT_FOUND or CONFLICT naming the field,
 * never a 500, never SQL or a stack in the body, and changes nothing (harness: support/bad-input.ts).
 */
import { describe } from 'vitest';
import {
  fx,
  INJECTION,
  MISSING_ID,
  malformedIds,
  oversized,
  run,
  STALE,
  STRONG_PASSWORD,
  seen,
  t,
  useBadInputApp,
  userInput,
} from '../support/bad-input';

useBadInputApp();

describe('users', () => {
  run([
    ...oversized('users.create', 'admin', userInput, ['username', 'email', 'fullName', 'password']),
    {
      name: 'create: username too short',
      path: 'users.create',
      input: () => ({ ...userInput(), username: 'ab' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'create: username SQL',
      path: 'users.create',
      input: () => ({ ...userInput(), username: INJECTION }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'create: role unknown',
      path: 'users.create',
      input: () => ({ ...userInput(), role: 'superuser' }),
      code: 'BAD_REQUEST',
      field: 'role',
    },
    {
      name: 'create: password too short',
      path: 'users.create',
      input: () => ({ ...userInput(), password: 'short' }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'create: password contains the username',
      path: 'users.create',
      input: () => ({ ...userInput(), password: 'new-hire-password-1' }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'create: username taken',
      path: 'users.create',
      input: () => ({ ...userInput(), username: 'vet' }),
      code: 'CONFLICT',
      field: 'username',
    },
    {
      name: 'create: email taken',
      path: 'users.create',
      input: () => ({ ...userInput(), email: 'vet@clinic.test' }),
      code: 'CONFLICT',
      field: 'email',
    },
    {
      name: 'create: unknown key passwordHash',
      path: 'users.create',
      input: () => ({ ...userInput(), passwordHash: '$argon2id$v=19$...' }),
      code: 'BAD_REQUEST',
      message: /passwordHash/,
    },
    {
      name: 'update: unknown id',
      path: 'users.update',
      input: () => ({ id: MISSING_ID, updatedAt: seen.user, fullName: 'X' }),
      code: 'NOT_FOUND',
    },
    {
      name: 'update: stale version',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: STALE, fullName: 'X' }),
      code: 'CONFLICT',
    },
    {
      name: 'update: own role',
      path: 'users.update',
      input: () => ({ id: t.users.admin.id, updatedAt: new Date(), role: 'assistant' }),
      code: 'BAD_REQUEST',
      field: 'role',
    },
    {
      name: 'update: email malformed',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: seen.user, email: 'nope' }),
      code: 'BAD_REQUEST',
      field: 'email',
    },
    {
      name: 'update: unknown key isActive',
      path: 'users.update',
      input: () => ({ id: fx.assistantId, updatedAt: seen.user, isActive: false }),
      code: 'BAD_REQUEST',
      message: /isActive/,
    },
    {
      name: 'setActive: deactivating oneself',
      path: 'users.setActive',
      input: () => ({ id: t.users.admin.id, isActive: false }),
      code: 'BAD_REQUEST',
      field: 'isActive',
    },
    {
      name: 'setActive: unknown id',
      path: 'users.setActive',
      input: () => ({ id: MISSING_ID, isActive: false }),
      code: 'NOT_FOUND',
    },
    {
      name: 'resetPassword: unknown id',
      path: 'users.resetPassword',
      input: () => ({ id: MISSING_ID, newPassword: STRONG_PASSWORD }),
      code: 'NOT_FOUND',
    },
    {
      name: 'resetPassword: too short',
      path: 'users.resetPassword',
      input: () => ({ id: fx.assistantId, newPassword: 'short' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'resetPassword: contains the username',
      path: 'users.resetPassword',
      input: () => ({ id: fx.assistantId, newPassword: 'assistant-again-and-again' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'revokeSessions: unknown id',
      path: 'users.revokeSessions',
      input: () => ({ id: MISSING_ID }),
      code: 'NOT_FOUND',
    },
    ...malformedIds('users.revokeSessions', 'admin', () => ({})),
  ]);
});
