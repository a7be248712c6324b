import { BOOKING_GRACE_MINUTES } from '@vetflow/schema/values';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { expectFieldRefusal } from '../support/refusal';

// Appointments are booked from now on, on the server's clock (tests move it): a start in the past beyond a small
// grace is refused; what is over shows in the patient's history (issue 9, bug 5).

let t: TestApp;
let assistant: TestClient;
let patientId: string;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PAST = {
  code: 'BAD_REQUEST' as const,
  field: 'startsAt',
  message: `Cannot start in the past (more than ${BOOKING_GRACE_MINUTES} minutes ago)`,
};

beforeAll(async () => {
  t = await startTestApp();
  assistant = await t.signIn('assistant');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(assistant, '-past'));
});
afterAll(() => t.close());

/** `minutes` from the server's now, rounded to the minute, lasting half an hour. */
function fromNow(minutes: number) {
  const startsAt = new Date(Math.floor((t.clock.now().getTime() + minutes * MINUTE) / MINUTE) * MINUTE);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
}

const book = (client: TestClient, when: { startsAt: Date; endsAt: Date }, veterinarianId = t.users.vet.id) =>
  client.trpc.appointments.create.mutate({ patientId, veterinarianId, reason: 'Booster', ...when });

describe('booking in the past', () => {
  it('is refused beyond the grace, naming startsAt; within it, accepted', async () => {
    for (const minutes of [-(BOOKING_GRACE_MINUTES + 2), -24 * 60, -5 * 24 * 60]) {
      expectFieldRefusal((await errorOf(book(assistant, fromNow(minutes)))).data, PAST);
    }
    await expect(book(assistant, fromNow(-(BOOKING_GRACE_MINUTES - 2)))).resolves.toMatchObject({
      status: 'scheduled',
    });
    await expect(book(assistant, fromNow(60))).resolves.toMatchObject({ status: 'scheduled' });
  });

  it('follows the server clock, not the caller’s: "tomorrow" is refused once the server has moved past it', async () => {
    const tomorrow = fromNow(24 * 60);
    t.clock.advance(2 * 24 * HOUR);
    try {
      const later = await t.signIn('assistant');
      expectFieldRefusal((await errorOf(book(later, tomorrow, t.users.vet2.id))).data, PAST);
    } finally {
      t.clock.advance(-2 * 24 * HOUR);
    }
  });

  it('rescheduling into the past is refused; keeping a passed start (another vet) is not a new booking', async () => {
    const appointment = await book(assistant, fromNow(3 * 60));
    const intoThePast = await errorOf(
      assistant.trpc.appointments.reschedule.mutate({
        id: appointment.id,
        updatedAt: appointment.updatedAt,
        ...fromNow(-3 * 60),
      }),
    );
    expectFieldRefusal(intoThePast.data, PAST);

    // Four hours on, the appointment's start has passed: it can still go to another vet at its time.
    t.clock.advance(4 * HOUR);
    try {
      const later = await t.signIn('assistant');
      const reassigned = await later.trpc.appointments.reschedule.mutate({
        id: appointment.id,
        updatedAt: appointment.updatedAt,
        veterinarianId: t.users.vet2.id,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
      });
      expect(reassigned.veterinarianId).toBe(t.users.vet2.id);
      const earlier = await errorOf(
        later.trpc.appointments.reschedule.mutate({
          id: appointment.id,
          updatedAt: reassigned.updatedAt,
          startsAt: new Date(appointment.startsAt.getTime() - HOUR),
          endsAt: appointment.endsAt,
        }),
      );
      expectFieldRefusal(earlier.data, PAST);
    } finally {
      t.clock.advance(-4 * HOUR);
    }
  });
});

describe("the patient's appointments", () => {
  it('past ones (every status) are listed newest first; upcoming ones stay apart', async () => {
    const { patient } = await createOwnerWithPet(assistant, '-history');
    const bookFor = (hours: number) =>
      assistant.trpc.appointments.create.mutate({
        patientId: patient.id,
        veterinarianId: t.users.vet.id,
        reason: `Visit in ${hours} h`,
        ...fromNow(hours * 60),
      });
    const first = await bookFor(2);
    const second = await bookFor(5);
    const cancelled = await bookFor(8);
    await assistant.trpc.appointments.cancel.mutate({ id: cancelled.id, reason: 'Owner away' });
    const future = await bookFor(30);

    const now = await assistant.trpc.patients.get.query({ id: patient.id });
    expect(now.pastAppointments).toEqual([]);
    expect(now.upcomingAppointments.map((a) => a.id)).toEqual([first.id, second.id, future.id]);

    t.clock.advance(10 * HOUR);
    try {
      const later = await t.signIn('assistant');
      const chart = await later.trpc.patients.get.query({ id: patient.id });
      expect(chart.pastAppointments.map((a) => [a.id, a.status])).toEqual([
        [cancelled.id, 'cancelled'],
        [second.id, 'scheduled'],
        [first.id, 'scheduled'],
      ]);
      expect(chart.pastAppointments[0]).toMatchObject({ cancelReason: 'Owner away', reason: 'Visit in 8 h' });
      expect(chart.upcomingAppointments.map((a) => a.id)).toEqual([future.id]);
    } finally {
      t.clock.advance(-10 * HOUR);
    }
  });
});
