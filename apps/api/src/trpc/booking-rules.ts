import type { Executor } from '@vetflow/db';
import { queries } from '@vetflow/db';
import type { BookingClashDetails } from '@vetflow/schema/refusal';
import { DomainError, findPgError } from './errors';

const CLASH_CONSTRAINTS = [
  'appointments_no_double_booking',
  'appointments_no_patient_double_booking',
] as const;
type ClashConstraint = (typeof CLASH_CONSTRAINTS)[number];

interface Booking {
  veterinarianId: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
  /** Rescheduling: the appointment being moved. */
  excludeAppointmentId?: string;
}

/**
 * Opening hours and working days: a slot outside them is refused (naming the start) unless the caller
 * said `outsideHours: true` — the desk confirmed it on purpose.
 */
export async function checkOpeningHours(db: Executor, booking: Booking, override: boolean) {
  // A booking with someone who is not an active vet is the database's to refuse (naming the vet), not this rule's.
  if (override || !(await queries.isActiveVeterinarian(db, booking.veterinarianId))) return;
  const reason = await queries.outsideHours(db, booking.veterinarianId, booking);
  if (!reason) return;
  throw new DomainError(
    'BAD_REQUEST',
    reason === 'closed'
      ? 'This time is outside the clinic’s opening hours'
      : 'The veterinarian does not work on this day',
    { field: 'startsAt', details: { kind: 'outside_hours', reason } },
  );
}

/**
 * Writes the booking inside a savepoint, so that when the database refuses a double booking the transaction
 * can still look up what it clashes with and the next free time, and refuse with both.
 */
export async function writeBooking<T>(
  db: Executor,
  booking: Booking,
  now: Date,
  write: (db: Executor) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction((savepoint) => write(savepoint));
  } catch (error) {
    const pg = findPgError(error);
    const constraint = (pg?.constraint_name ?? pg?.constraint) as ClashConstraint | undefined;
    if (pg?.code !== '23P01' || !constraint || !CLASH_CONSTRAINTS.includes(constraint)) throw error;
    throw await clashRefusal(db, booking, now, constraint);
  }
}

async function clashRefusal(db: Executor, booking: Booking, now: Date, constraint: ClashConstraint) {
  const byPatient = constraint === 'appointments_no_patient_double_booking';
  const clash = await queries.clashingAppointment(db, booking, booking, byPatient);
  const minutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
  const nextFree = await queries.nextFreeTime(db, {
    veterinarianId: booking.veterinarianId,
    patientId: booking.patientId,
    excludeAppointmentId: booking.excludeAppointmentId,
    minutes,
    from: booking.startsAt,
    notBefore: now,
  });
  const details: BookingClashDetails = { kind: 'booking_clash', constraint, clash, nextFree };
  return new DomainError(
    'CONFLICT',
    byPatient
      ? 'The patient already has an appointment that overlaps this time'
      : 'The veterinarian already has an appointment that overlaps this time',
    { field: 'startsAt', details },
  );
}
