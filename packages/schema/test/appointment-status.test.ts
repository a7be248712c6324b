import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_TRANSITIONS,
  CANCELLED_ON_DEATH,
  canMove,
  canReschedule,
  isReleased,
  RELEASED_APPOINTMENT_STATUSES,
} from '../src/appointment-status';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../src/values';

// The status machine as designed: a booking is confirmed (or unconfirmed), the patient checks in, the visit
// starts and completes; a waiting booking can be cancelled or missed, a checked-in one cancelled. Nothing else.
const DESIGNED_MOVES: [AppointmentStatus, AppointmentStatus][] = [
  ['scheduled', 'confirmed'],
  ['scheduled', 'checked_in'],
  ['scheduled', 'cancelled'],
  ['scheduled', 'no_show'],
  ['confirmed', 'scheduled'],
  ['confirmed', 'checked_in'],
  ['confirmed', 'cancelled'],
  ['confirmed', 'no_show'],
  ['checked_in', 'in_progress'],
  ['checked_in', 'cancelled'],
  ['in_progress', 'completed'],
];

const pairs = APPOINTMENT_STATUSES.flatMap((from) => APPOINTMENT_STATUSES.map((to) => [from, to] as const));
const designed = (from: AppointmentStatus, to: AppointmentStatus) =>
  DESIGNED_MOVES.some(([f, t]) => f === from && t === to);

describe('the appointment status machine', () => {
  it.each(pairs)('%s → %s is allowed exactly when the design says so', (from, to) => {
    expect(canMove(from, to)).toBe(designed(from, to));
  });

  it('lists a transition for every status, and no status moves to itself', () => {
    expect(Object.keys(APPOINTMENT_TRANSITIONS).sort()).toEqual([...APPOINTMENT_STATUSES].sort());
    for (const status of APPOINTMENT_STATUSES) expect(canMove(status, status)).toBe(false);
  });

  it('a finished appointment (completed, cancelled, no-show) never moves again', () => {
    for (const status of ['completed', 'cancelled', 'no_show'] as const) {
      expect(APPOINTMENT_TRANSITIONS[status]).toEqual([]);
    }
  });

  it('every status is reachable from a new booking', () => {
    const reached = new Set<AppointmentStatus>(['scheduled']);
    for (const status of reached) for (const next of APPOINTMENT_TRANSITIONS[status]) reached.add(next);
    expect([...reached].sort()).toEqual([...APPOINTMENT_STATUSES].sort());
  });

  it('only a booking still waiting (scheduled, confirmed) can be rescheduled', () => {
    expect(APPOINTMENT_STATUSES.filter(canReschedule)).toEqual(['scheduled', 'confirmed']);
  });

  it('cancelled and no-show give the time back; every other status holds it', () => {
    expect(APPOINTMENT_STATUSES.filter(isReleased)).toEqual([...RELEASED_APPOINTMENT_STATUSES]);
    expect([...RELEASED_APPOINTMENT_STATUSES]).toEqual(['cancelled', 'no_show']);
  });

  it('a patient’s death cancels the waiting bookings, each a move the machine allows', () => {
    expect([...CANCELLED_ON_DEATH]).toEqual(['scheduled', 'confirmed']);
    for (const status of CANCELLED_ON_DEATH) expect(canMove(status, 'cancelled')).toBe(true);
  });
});
