import { APPOINTMENT_STATUSES, type AppointmentStatus, appointments } from '@vetflow/schema';
import { isReleased } from '@vetflow/schema/appointment-status';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { createTestDb } from '../src/testing';
import { appointmentRow, insertPatient, insertUser, refused, slot } from './helpers';

// A veterinarian is never in two live appointments at once; the exclusion constraint decides, so it holds
// for concurrent requests and for writes that bypass the API.

let handle: DbHandle;
let db: Database;
let vet: string;
let otherVet: string;
let patient: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  vet = (await insertUser(db)).id;
  otherVet = (await insertUser(db)).id;
  patient = (await insertPatient(db)).id;
});
afterAll(() => handle?.close());

/** Books `minutes` from `start` (a time on the given test day) and returns the new row. */
async function book(day: string, start: string, over: Partial<typeof appointments.$inferInsert> = {}) {
  const [row] = await db
    .insert(appointments)
    .values(appointmentRow(patient, vet, { ...slot(`${day}T${start}:00Z`), ...over }))
    .returning();
  return row!;
}
const bookRefused = async (
  day: string,
  start: string,
  over: Partial<typeof appointments.$inferInsert> = {},
) =>
  refused(
    db.insert(appointments).values(appointmentRow(patient, vet, { ...slot(`${day}T${start}:00Z`), ...over })),
  );

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
      db.insert(appointments).values(appointmentRow(patient, vet, slot('2030-02-01T09:00:00Z', 180))),
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
