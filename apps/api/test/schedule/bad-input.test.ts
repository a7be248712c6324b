/**
 * Bad input to the appointment types and schedule routers (and the booking fields they add): every refusal names
 * its field, is never a 500, leaks nothing and changes nothing (harness: support/bad-input.ts).
 */
import { CLINIC_SETTINGS_ID } from '@vetflow/schema/values';
import { describe } from 'vitest';
import {
  appointmentInput,
  fx,
  MISSING_ID,
  malformedIds,
  oversized,
  run,
  STALE,
  useBadInputApp,
} from '../support/bad-input';

useBadInputApp();

const week = () => Array.from({ length: 7 }, () => ({ open: '08:00', close: '18:00' }));
const freeSlots = () => ({ veterinarianId: MISSING_ID, date: '2030-01-07', minutes: 30 });

describe('appointment types', () => {
  run([
    ...oversized('appointmentTypes.create', 'admin', () => ({ defaultMinutes: 30 }), ['name']),
    ...malformedIds('appointmentTypes.update', 'admin', () => ({ updatedAt: STALE, name: 'X' })),
    ...malformedIds('appointmentTypes.setActive', 'admin', () => ({ isActive: false })),
    {
      name: 'setActive: unknown id',
      path: 'appointmentTypes.setActive',
      input: () => ({ id: MISSING_ID, isActive: false }),
      code: 'NOT_FOUND',
    },
    {
      name: 'update: unknown id',
      path: 'appointmentTypes.update',
      input: () => ({ id: MISSING_ID, updatedAt: STALE, name: 'X' }),
      code: 'NOT_FOUND',
    },
    {
      name: 'defaultMinutes as text',
      path: 'appointmentTypes.create',
      input: () => ({ name: 'X', defaultMinutes: '30' }),
      code: 'BAD_REQUEST',
      field: 'defaultMinutes',
    },
    {
      name: 'name with a NUL character',
      path: 'appointmentTypes.create',
      input: () => ({ name: 'Bad\u0000type', defaultMinutes: 30 }),
      code: 'BAD_REQUEST',
    },
  ]);
});

describe('schedule', () => {
  run([
    {
      name: 'updateSettings: a stale version',
      path: 'schedule.updateSettings',
      input: () => ({ updatedAt: STALE, timeZone: 'UTC', openingHours: week() }),
      code: 'CONFLICT',
    },
    {
      name: 'updateSettings: an id is not an input',
      path: 'schedule.updateSettings',
      input: () => ({ id: CLINIC_SETTINGS_ID, updatedAt: STALE, timeZone: 'UTC', openingHours: week() }),
      code: 'BAD_REQUEST',
    },
    {
      name: 'updateSettings: a day as text',
      path: 'schedule.updateSettings',
      input: () => ({ updatedAt: STALE, timeZone: 'UTC', openingHours: ['08-18', ...week().slice(1)] }),
      code: 'BAD_REQUEST',
      field: 'openingHours.0',
    },
    {
      name: 'updateSettings: routine flagged before urgent',
      path: 'schedule.updateSettings',
      input: () => ({ updatedAt: STALE, triageMinutes: { emergency: 0, urgent: 30, routine: 15 } }),
      code: 'BAD_REQUEST',
      field: 'triageMinutes.routine',
    },
    {
      name: 'updateSettings: a threshold as text',
      path: 'schedule.updateSettings',
      input: () => ({ updatedAt: STALE, triageMinutes: { emergency: 0, urgent: '15', routine: 30 } }),
      code: 'BAD_REQUEST',
      field: 'triageMinutes.urgent',
    },
    ...oversized('schedule.updateSettings', 'admin', () => ({ updatedAt: STALE, openingHours: week() }), [
      'timeZone',
    ]),
    ...malformedIds('schedule.setWorkingDays', 'admin', () => ({ workingDays: [1] }), 'veterinarianId'),
    {
      name: 'setWorkingDays: day 0 and day 8',
      path: 'schedule.setWorkingDays',
      input: () => ({ veterinarianId: MISSING_ID, workingDays: [0, 8] }),
      code: 'BAD_REQUEST',
      field: 'workingDays',
    },
    {
      name: 'setWorkingDays: a day twice',
      path: 'schedule.setWorkingDays',
      input: () => ({ veterinarianId: MISSING_ID, workingDays: [1, 1] }),
      code: 'BAD_REQUEST',
      field: 'workingDays',
    },
    {
      name: 'setWorkingDays: not a veterinarian',
      path: 'schedule.setWorkingDays',
      input: () => ({ veterinarianId: fx.assistantId, workingDays: [1] }),
      code: 'BAD_REQUEST',
      field: 'veterinarianId',
    },
    ...malformedIds('schedule.freeSlots', 'assistant', freeSlots, 'veterinarianId'),
    ...malformedIds('schedule.freeSlots', 'assistant', freeSlots, 'patientId'),
    ...['2030-02-30', '30.01.2030', '1899-12-31', 'x'.repeat(1000)].map((date) => ({
      name: `freeSlots: date ${date.slice(0, 12)}`,
      path: 'schedule.freeSlots',
      as: 'assistant' as const,
      input: () => ({ ...freeSlots(), date }),
      code: 'BAD_REQUEST' as const,
      field: 'date',
    })),
    ...[0, 4, 721, 7.5, -30].map((minutes) => ({
      name: `freeSlots: ${minutes} minutes`,
      path: 'schedule.freeSlots',
      as: 'assistant' as const,
      input: () => ({ ...freeSlots(), minutes }),
      code: 'BAD_REQUEST' as const,
      field: 'minutes',
    })),
  ]);
});

describe('booking fields', () => {
  run([
    ...malformedIds('appointments.create', 'assistant', appointmentInput, 'appointmentTypeId'),
    {
      name: 'outsideHours as text',
      path: 'appointments.create',
      as: 'assistant',
      input: () => ({ ...appointmentInput(), outsideHours: 'yes' }),
      code: 'BAD_REQUEST',
      field: 'outsideHours',
    },
  ]);
});
