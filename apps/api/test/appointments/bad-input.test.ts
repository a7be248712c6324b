/**
 * Bad input to the appointments router: every refusal is BAD_REQUEST, NOT_FOUND or CONFLICT naming the field,
 * never a 500, never SQL or a stack in the body, and changes nothing (harness: support/bad-input.ts).
 */
import { describe } from 'vitest';
import {
  appointmentInput,
  fx,
  HOUR,
  HUGE,
  MINUTE,
  MISSING_ID,
  malformedIds,
  oversized,
  run,
  STALE,
  seen,
  slot,
  useBadInputApp,
} from '../support/bad-input';

useBadInputApp();

describe('appointments', () => {
  const range = () => ({ from: new Date(fx.slotBase), to: new Date(fx.slotBase + 7 * 24 * HOUR) });
  describe('list', () => {
    run([
      {
        name: 'to before from',
        path: 'appointments.list',
        input: () => ({ from: range().to, to: range().from }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'to equal to from',
        path: 'appointments.list',
        input: () => ({ from: range().from, to: range().from }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'a range over 42 days',
        path: 'appointments.list',
        input: () => ({ from: range().from, to: new Date(fx.slotBase + 60 * 24 * HOUR) }),
        code: 'BAD_REQUEST',
        field: 'to',
      },
      {
        name: 'from missing',
        path: 'appointments.list',
        input: () => ({ to: range().to }),
        code: 'BAD_REQUEST',
        field: 'from',
      },
      {
        name: 'from as a string',
        path: 'appointments.list',
        input: () => ({ ...range(), from: '2024-01-01' }),
        code: 'BAD_REQUEST',
        field: 'from',
      },
      {
        name: 'veterinarianId malformed',
        path: 'appointments.list',
        input: () => ({ ...range(), veterinarianId: '1 OR 1=1' }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'includeCancelled a string',
        path: 'appointments.list',
        input: () => ({ ...range(), includeCancelled: 'yes' }),
        code: 'BAD_REQUEST',
        field: 'includeCancelled',
      },
      {
        name: 'unknown key limit',
        path: 'appointments.list',
        input: () => ({ ...range(), limit: 1_000_000 }),
        code: 'BAD_REQUEST',
        message: /limit/,
      },
    ]);
  });

  describe('create', () => {
    run([
      ...oversized('appointments.create', 'assistant', appointmentInput, ['reason', 'notes']),
      {
        name: 'endsAt before startsAt',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), startsAt: s.endsAt, endsAt: s.startsAt };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'endsAt equal to startsAt',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), startsAt: s.startsAt, endsAt: s.startsAt };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'longer than 12 hours',
        path: 'appointments.create',
        input: () => {
          const s = slot();
          return { ...appointmentInput(), ...s, endsAt: new Date(s.startsAt.getTime() + 13 * HOUR) };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'startsAt as a string',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), startsAt: '2030-01-01T09:00:00Z' }),
        code: 'BAD_REQUEST',
        field: 'startsAt',
      },
      {
        name: 'reason missing',
        path: 'appointments.create',
        input: () => {
          const { reason: _r, ...rest } = appointmentInput();
          return rest;
        },
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'priority unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), priority: 'asap' }),
        code: 'BAD_REQUEST',
        field: 'priority',
      },
      {
        name: 'unknown key status',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), status: 'completed' }),
        code: 'BAD_REQUEST',
        message: /status/,
      },
      ...malformedIds('appointments.create', 'assistant', appointmentInput, 'patientId'),
      ...malformedIds('appointments.create', 'assistant', appointmentInput, 'veterinarianId'),
      {
        name: 'patientId unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), patientId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'patientId',
      },
      {
        name: 'veterinarianId unknown',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), veterinarianId: MISSING_ID }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'veterinarianId of an assistant',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), veterinarianId: fx.assistantId }),
        code: 'BAD_REQUEST',
        field: 'veterinarianId',
      },
      {
        name: 'a deceased patient',
        path: 'appointments.create',
        input: () => ({ ...appointmentInput(), patientId: fx.deceasedPatientId }),
        code: 'BAD_REQUEST',
        field: 'patientId',
      },
      {
        name: 'double booking the veterinarian',
        path: 'appointments.create',
        input: () => ({
          ...appointmentInput(),
          startsAt: new Date(fx.slotBase + 15 * MINUTE),
          endsAt: new Date(fx.slotBase + 45 * MINUTE),
        }),
        code: 'CONFLICT',
        field: 'startsAt',
      },
    ]);
  });

  describe('reschedule / setStatus / cancel / get', () => {
    run([
      {
        name: 'reschedule: unknown id',
        path: 'appointments.reschedule',
        input: () => ({ id: MISSING_ID, updatedAt: seen.appointment, ...slot() }),
        code: 'NOT_FOUND',
      },
      {
        name: 'reschedule: stale version',
        path: 'appointments.reschedule',
        input: () => ({ id: fx.appointmentId, updatedAt: STALE, ...slot() }),
        code: 'CONFLICT',
      },
      {
        name: 'reschedule: endsAt before startsAt',
        path: 'appointments.reschedule',
        input: () => {
          const s = slot();
          return {
            id: fx.appointmentId,
            updatedAt: seen.appointment,
            startsAt: s.endsAt,
            endsAt: s.startsAt,
          };
        },
        code: 'BAD_REQUEST',
        field: 'endsAt',
      },
      {
        name: 'reschedule: a completed appointment',
        path: 'appointments.reschedule',
        input: () => ({ id: fx.completedAppointmentId, updatedAt: new Date(), ...slot() }),
        code: 'CONFLICT',
        message: /completed/,
      },
      {
        name: 'reschedule: unknown key patientId',
        path: 'appointments.reschedule',
        input: () => ({
          id: fx.appointmentId,
          updatedAt: seen.appointment,
          ...slot(),
          patientId: fx.otherPatientId,
        }),
        code: 'BAD_REQUEST',
        message: /patientId/,
      },
      {
        name: 'setStatus: completed → scheduled',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.completedAppointmentId, status: 'scheduled' }),
        code: 'CONFLICT',
        message: /completed to scheduled/,
      },
      {
        name: 'setStatus: completed → in_progress',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.completedAppointmentId, status: 'in_progress' }),
        code: 'CONFLICT',
      },
      {
        name: 'setStatus: scheduled → completed (skipping steps)',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'completed' }),
        code: 'CONFLICT',
      },
      {
        name: 'setStatus: → cancelled (needs cancel)',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'cancelled' }),
        code: 'BAD_REQUEST',
        field: 'status',
      },
      {
        name: 'setStatus: unknown status',
        path: 'appointments.setStatus',
        input: () => ({ id: fx.appointmentId, status: 'done' }),
        code: 'BAD_REQUEST',
        field: 'status',
      },
      {
        name: 'setStatus: unknown id',
        path: 'appointments.setStatus',
        input: () => ({ id: MISSING_ID, status: 'confirmed' }),
        code: 'NOT_FOUND',
      },
      {
        name: 'cancel: a completed appointment',
        path: 'appointments.cancel',
        input: () => ({ id: fx.completedAppointmentId, reason: 'Oops' }),
        code: 'CONFLICT',
      },
      {
        name: 'cancel: reason missing',
        path: 'appointments.cancel',
        input: () => ({ id: fx.appointmentId }),
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'cancel: reason 10,000 characters',
        path: 'appointments.cancel',
        input: () => ({ id: fx.appointmentId, reason: HUGE }),
        code: 'BAD_REQUEST',
        field: 'reason',
      },
      {
        name: 'cancel: unknown id',
        path: 'appointments.cancel',
        input: () => ({ id: MISSING_ID, reason: 'x' }),
        code: 'NOT_FOUND',
      },
      ...malformedIds('appointments.get', 'assistant', () => ({})),
      {
        name: 'get: unknown id',
        path: 'appointments.get',
        input: () => ({ id: MISSING_ID }),
        code: 'NOT_FOUND',
      },
    ]);
  });
});
