/**
 * Bad input to the owners router: every refusal is BAD_REQUEST, NOT_FOUND or CONFLICT naming the field,
 * never a 500, never SQL or a stack in the body, and changes nothing (harness: support/bad-input.ts).
 */
import { describe } from 'vitest';
import {
  badCursors,
  fx,
  HUGE,
  listLimits,
  MISSING_ID,
  malformedIds,
  oversized,
  ownerInput,
  run,
  STALE,
  seen,
  useBadInputApp,
} from '../support/bad-input';

useBadInputApp();

describe('owners', () => {
  describe('create', () => {
    run([
      ...oversized('owners.create', 'assistant', ownerInput, [
        'firstName',
        'lastName',
        'email',
        'phone',
        'address',
        'notes',
      ]),
      {
        name: 'phone missing',
        path: 'owners.create',
        input: () => ({ firstName: 'Ann', lastName: 'Lee' }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'firstName missing',
        path: 'owners.create',
        input: () => ({ lastName: 'Lee', phone: '+1 555 123 4567' }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'firstName blank',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), firstName: '   ' }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'firstName a number',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), firstName: 42 }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'lastName an object',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), lastName: { $ne: '' } }),
        code: 'BAD_REQUEST',
        field: 'lastName',
      },
      {
        name: 'email malformed',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), email: 'not-an-email' }),
        code: 'BAD_REQUEST',
        field: 'email',
      },
      {
        name: 'phone letters',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), phone: 'call me maybe' }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'phone SQL',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), phone: "1'; DROP TABLE owners;--" }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'unknown key isActive',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), isActive: false }),
        code: 'BAD_REQUEST',
        message: /isActive/,
      },
      {
        name: 'unknown key id',
        path: 'owners.create',
        input: () => ({ ...ownerInput(), id: MISSING_ID }),
        code: 'BAD_REQUEST',
        message: /"id"/,
      },
    ]);
  });

  describe('get / update / setActive', () => {
    run([
      ...malformedIds('owners.get', 'assistant', () => ({})),
      {
        name: 'get: unknown id',
        path: 'owners.get',
        as: 'assistant',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
        message: /Owner/,
      },
      {
        name: 'get: id missing',
        path: 'owners.get',
        as: 'assistant',
        input: () => ({}),
        code: 'BAD_REQUEST',
        field: 'id',
      },
      {
        name: 'update: unknown id',
        path: 'owners.update',
        input: () => ({ id: MISSING_ID, updatedAt: seen.owner, notes: 'x' }),
        code: 'NOT_FOUND',
      },
      {
        name: 'update: stale version',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: STALE, notes: 'x' }),
        code: 'CONFLICT',
      },
      {
        name: 'update: version missing',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, notes: 'x' }),
        code: 'BAD_REQUEST',
        field: 'updatedAt',
      },
      {
        name: 'update: version as a string',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner.toISOString(), notes: 'x' }),
        code: 'BAD_REQUEST',
        field: 'updatedAt',
      },
      {
        name: 'update: firstName 10,000 characters',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, firstName: HUGE }),
        code: 'BAD_REQUEST',
        field: 'firstName',
      },
      {
        name: 'update: phone null',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, phone: null }),
        code: 'BAD_REQUEST',
        field: 'phone',
      },
      {
        name: 'update: unknown key isActive',
        path: 'owners.update',
        input: () => ({ id: fx.ownerId, updatedAt: seen.owner, isActive: false }),
        code: 'BAD_REQUEST',
        message: /isActive/,
      },
      ...malformedIds('owners.update', 'admin', () => ({ updatedAt: seen.owner })),
      {
        name: 'setActive: isActive a string',
        path: 'owners.setActive',
        input: () => ({ id: fx.ownerId, isActive: 'no' }),
        code: 'BAD_REQUEST',
        field: 'isActive',
      },
      {
        name: 'setActive: unknown id',
        path: 'owners.setActive',
        input: () => ({ id: MISSING_ID, isActive: false }),
        code: 'NOT_FOUND',
      },
    ]);
  });

  describe('list', () => {
    run([
      ...listLimits('owners.list', () => ({})),
      ...badCursors('owners.list', () => ({}), 3),
      {
        name: 'search 10,000 characters',
        path: 'owners.list',
        input: () => ({ search: HUGE }),
        code: 'BAD_REQUEST',
        field: 'search',
      },
      {
        name: 'search a number',
        path: 'owners.list',
        input: () => ({ search: 7 }),
        code: 'BAD_REQUEST',
        field: 'search',
      },
      {
        name: 'active: unknown value',
        path: 'owners.list',
        input: () => ({ active: 'maybe' }),
        code: 'BAD_REQUEST',
        field: 'active',
      },
      {
        name: 'unknown key orderBy',
        path: 'owners.list',
        input: () => ({ orderBy: 'id; drop table owners' }),
        code: 'BAD_REQUEST',
        message: /orderBy/,
      },
    ]);
  });
});
