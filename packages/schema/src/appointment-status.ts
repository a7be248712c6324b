/**
 * The appointment status machine, in one place for the API, the queries and the web app: which moves are
 * allowed, which statuses free the veterinarian's time, which bookings may be rescheduled, and which a patient's
 * death cancels. Pure data and functions: the browser bundle uses it too. The database mirrors the released
 * statuses in the double-booking exclusion constraint (migration 0002; packages/db/test/double-booking pins both).
 */
import type { AppointmentStatus } from './values';

/**
 * The only moves `appointments.setStatus` allows. Cancel has its own procedure because it needs a reason; a
 * finished appointment (completed, cancelled, no-show) never moves again, so its history stays as it happened.
 */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['confirmed', 'checked_in', 'cancelled', 'no_show'],
  confirmed: ['scheduled', 'checked_in', 'cancelled', 'no_show'],
  checked_in: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Whether an appointment may move from `from` to `to` (cancelling included). */
export const canMove = (from: AppointmentStatus, to: AppointmentStatus) =>
  APPOINTMENT_TRANSITIONS[from].includes(to);

/** Statuses that no longer hold the veterinarian's time: they never block a booking and are hidden by default. */
export const RELEASED_APPOINTMENT_STATUSES = [
  'cancelled',
  'no_show',
] as const satisfies readonly AppointmentStatus[];

/** Whether an appointment in `status` has given its time back. */
export const isReleased = (status: AppointmentStatus) =>
  (RELEASED_APPOINTMENT_STATUSES as readonly AppointmentStatus[]).includes(status);

/** Booked and not begun: the patient has not arrived yet. */
export const WAITING_APPOINTMENT_STATUSES = [
  'scheduled',
  'confirmed',
] as const satisfies readonly AppointmentStatus[];

const isWaiting = (status: AppointmentStatus) =>
  (WAITING_APPOINTMENT_STATUSES as readonly AppointmentStatus[]).includes(status);

/**
 * Whether an appointment in `status` may be rescheduled (a new time, or another veterinarian): only while it is
 * waiting, since once the patient is checked in the slot is being used.
 */
export const canReschedule = isWaiting;

/**
 * What a patient's death cancels (future bookings, in these statuses): those still waiting. A visit already under
 * way or finished stays as it happened; it is part of the record.
 */
export const CANCELLED_ON_DEATH: readonly AppointmentStatus[] = WAITING_APPOINTMENT_STATUSES;
