/**
 * Bad input to the auth router: every refusal is BAD_REQUEST, NOT_FOUND or CONFLICT naming the field,
 * never a 500, never SQL or a stack in the body, and changes nothing (harness: support/bad-input.ts).
 */
import { describe } from 'vitest';
import { TEST_PASSWORD } from '../support/app';
import { HUGE, run, STRONG_PASSWORD, useBadInputApp } from '../support/bad-input';

useBadInputApp();

describe('auth', () => {
  run([
    {
      name: 'login: username missing',
      path: 'auth.login',
      input: () => ({ password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username blank',
      path: 'auth.login',
      input: () => ({ username: '   ', password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username a number',
      path: 'auth.login',
      input: () => ({ username: 42, password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: username 10,000 characters',
      path: 'auth.login',
      input: () => ({ username: HUGE, password: 'x' }),
      code: 'BAD_REQUEST',
      field: 'username',
    },
    {
      name: 'login: password 10,000 characters',
      path: 'auth.login',
      input: () => ({ username: 'vet', password: HUGE }),
      code: 'BAD_REQUEST',
      field: 'password',
    },
    {
      name: 'login: unknown key',
      path: 'auth.login',
      input: () => ({ username: 'vet', password: 'x', remember: true }),
      code: 'BAD_REQUEST',
      message: /remember/,
    },
    {
      name: 'changePassword: new password too short',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: new password 10,000 characters',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: HUGE }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: current password 10,000 characters',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: HUGE, newPassword: STRONG_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'currentPassword',
    },
    {
      name: 'changePassword: wrong current password',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: 'not-my-password', newPassword: STRONG_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'currentPassword',
    },
    {
      name: 'changePassword: new password contains the username',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'assistant-forever-2024' }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'changePassword: missing newPassword',
      path: 'auth.changePassword',
      as: 'assistant',
      input: () => ({ currentPassword: TEST_PASSWORD }),
      code: 'BAD_REQUEST',
      field: 'newPassword',
    },
    {
      name: 'revokeSession: malformed id',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: 'abc' }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: SQL as id',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: "' OR 1=1 --" }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: 10,000 characters',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: HUGE }),
      code: 'BAD_REQUEST',
      field: 'sessionId',
    },
    {
      name: 'revokeSession: someone else’s or no session',
      path: 'auth.revokeSession',
      as: 'assistant',
      input: () => ({ sessionId: 'f'.repeat(64) }),
      code: 'NOT_FOUND',
    },
  ]);
});
