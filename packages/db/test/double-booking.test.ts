import { APPOINTMENT_STATUSES, type AppointmentStatus, appointments } from '@vetflow/schema';
import { isReleased } from '@vetflow/schema/appointment-status';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { createTestDb } from '../src/testing';
import { appointmentRow, insertPatient, insertUser, refused, slot } from './helpers';

// Neither a veterinarian nor a patient is ever in two live appointments at once; the exclusion constraints
// decide, so they hold for concurrent requests and for writes that bypass the API.

let handle: DbHandle;
let db: Database;
let vet: string;
let otherVet: string;
let thirdVet: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  vet = (await insertUser(db)).id;
  otherVet = (await insertUser(db)).id;
  thirdVet = (await insertUser(db)).id;
});
afterAll(() => handle?.close());

type Booking = Partial<typeof appointments.$inferInsert>;

/**
 * A booking of `vet` (unless `over` names another) at `start` on the test day, for a patient of its own unless
 * `over` names one: so each rule below is met alone.
 */
async function bookingRow(day: string, start: string, over: Booking) {
  const patientId = over.patientId ?? (await insertPatient(db)).id;
  return appointmentRow(patientId, vet, { ...slot(`${day}T${start}:00Z`), ...over });
}

/** Books `minutes` from `start` (a time on the given test day) and returns the new row. */
async function book(day: string, start: string, over: Booking = {}) {
  const [row] = await db
    .insert(appointments)
    .values(await bookingRow(day, start, over))
    .returning();
  return row!;
}
const bookRefused = async (day: string, start: string, over: Booking = {}) =>
  refused(db.insert(appointments).values(await bookingRow(day, start, over)));

describe('appointments_no_double_booking', () => {
  it('refuses an overlapping live appointment for the same veterinarian', async () => {
    await book('2030-02-01', '10:00');
    for (const start of ['10:00', '10:15', '09:45']) {
      const failure = await bookRefused('2030-02-01', start);
      expect(failure.constraint, failure.message).toBe('appointments_no_double_booking');
      expect(failure.code).toBe('23P01');
    }
    // A longer appointment that swallows the booked one overlaps too.
    const around = await refused(
      db
        .insert(appointments)
        .values(appointmentRow((await insertPatient(db)).id, vet, slot('2030-02-01T09:00:00Z', 180))),
    );
    expect(around.constraint).toBe('appointments_no_double_booking');
  });

  it('accepts back-to-back appointments: [10:00, 10:30) and [10:30, 11:00)', async () => {
    await book('2030-02-02', '10:00');
    const next = await book('2030-02-02', '10:30');
    expect(next.startsAt.toISOString()).toBe('2030-02-02T10:30:00.000Z');
    const before = await book('2030-02-02', '09:30');
    expect(before.endsAt.toISOString()).toBe('2030-02-02T10:00:00.000Z');
  });

  it('lets another veterinarian take the same time', async () => {
    await book('2030-02-03', '10:00');
    await expect(book('2030-02-03', '10:00', { veterinarianId: otherVet })).resolves.toMatchObject({
      veterinarianId: otherVet,
    });
  });

  // The constraint's released statuses (migration 0002) are the status machine's: derived, so they cannot drift.
  const withStatus = (status: AppointmentStatus) =>
    status === 'cancelled' ? { status, cancelReason: 'Owner called' } : { status };
  const RELEASED = APPOINTMENT_STATUSES.filter(isReleased);
  const HOLDING = APPOINTMENT_STATUSES.filter((status) => !isReleased(status));

  it.each(RELEASED)('does not let a %s appointment block the slot', async (status) => {
    const day = `2030-03-${String(10 + RELEASED.indexOf(status)).padStart(2, '0')}`;
    await book(day, '10:00', withStatus(status));
    await expect(book(day, '10:00')).resolves.toMatchObject({ status: 'scheduled' });
    // Once the slot is taken by a live appointment, the released one still does not conflict with it.
    await expect(book(day, '10:15', withStatus(status))).resolves.toMatchObject({ status });
  });

  it.each(HOLDING)('counts a %s appointment as holding the slot', async (status) => {
    const day = `2030-04-${String(10 + HOLDING.indexOf(status)).padStart(2, '0')}`;
    await book(day, '10:00', withStatus(status));
    expect((await bookRefused(day, '10:00')).constraint).toBe('appointments_no_double_booking');
  });

  it('refuses moving an appointment onto a taken slot, and reviving a cancelled one into it', async () => {
    await book('2030-02-10', '10:00');
    const other = await book('2030-02-10', '11:00');
    const move = await refused(
      db.update(appointments).set(slot('2030-02-10T10:15:00Z')).where(eq(appointments.id, other.id)),
    );
    expect(move.constraint).toBe('appointments_no_double_booking');

    const cancelled = await book('2030-02-10', '10:00', { status: 'cancelled', cancelReason: 'Sick' });
    const revive = await refused(
      db.update(appointments).set({ status: 'scheduled' }).where(eq(appointments.id, cancelled.id)),
    );
    expect(revive.constraint).toBe('appointments_no_double_booking');
  });
});

describe('appointments_no_patient_double_booking', () => {
  let patientId: string;
  beforeAll(async () => {
    patientId = (await insertPatient(db)).id;
  });

  it('refuses the same patient in an overlapping live appointment with another veterinarian', async () => {
    await book('2030-03-01', '10:00', { patientId });
    for (const start of ['10:00', '10:15', '09:45']) {
      const failure = await bookRefused('2030-03-01', start, { patientId, veterinarianId: otherVet });
      expect(failure.constraint, failure.message).toBe('appointments_no_patient_double_booking');
      expect(failure.code).toBe('23P01');
    }
  });

  it('accepts back-to-back appointments of one patient with two veterinarians, and other patients at once', async () => {
    await book('2030-03-02', '10:00', { patientId });
    await expect(book('2030-03-02', '10:30', { patientId, veterinarianId: otherVet })).resolves.toMatchObject(
      { patientId },
    );
    await expect(book('2030-03-02', '10:00', { veterinarianId: otherVet })).resolves.toBeDefined();
  });

  it.each([
    ['cancelled', { status: 'cancelled', cancelReason: 'Owner called' }],
    ['no_show', { status: 'no_show' }],
  ] as const)('does not let a %s appointment hold the patient', async (_status, released) => {
    const day = released.status === 'cancelled' ? '2030-03-03' : '2030-03-04';
    await book(day, '10:00', { patientId, ...released });
    await expect(book(day, '10:00', { patientId, veterinarianId: otherVet })).resolves.toMatchObject({
      status: 'scheduled',
    });
    await expect(
      book(day, '10:15', { patientId, veterinarianId: thirdVet, ...released }),
    ).resolves.toMatchObject({ status: released.status });
  });

  it('refuses moving the patient onto its own other appointment, and reviving a cancelled one into it', async () => {
    await book('2030-03-05', '10:00', { patientId });
    const other = await book('2030-03-05', '11:00', { patientId, veterinarianId: otherVet });
    const move = await refused(
      db.update(appointments).set(slot('2030-03-05T10:15:00Z')).where(eq(appointments.id, other.id)),
    );
    expect(move.constraint).toBe('appointments_no_patient_double_booking');
    const cancelled = await book('2030-03-05', '10:00', {
      patientId,
      veterinarianId: thirdVet,
      status: 'cancelled',
      cancelReason: 'Sick',
    });
    const revive = await refused(
      db.update(appointments).set({ status: 'scheduled' }).where(eq(appointments.id, cancelled.id)),
    );
    expect(revive.constraint).toBe('appointments_no_patient_double_booking');
  });
});
