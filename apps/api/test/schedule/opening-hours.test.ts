import { appointments } from '@vetflow/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { expectFieldRefusal } from '../support/refusal';

const DAY = 24 * 60 * 60_000;
let t: TestApp;
let admin: TestClient;
let assistant: TestClient;
let patientId: string;
/** A Monday at least a week ahead, as YYYY-MM-DD (the clinic runs on UTC in this file). */
let monday: string;
/** An instant on `monday` + `dayOffset` days at `hhmm` UTC. */
const at = (hhmm: string, dayOffset = 0) =>
  new Date(new Date(`${monday}T${hhmm}:00Z`).getTime() + dayOffset * DAY);
const slot = (from: string, to: string, dayOffset = 0) => ({
  startsAt: at(from, dayOffset),
  endsAt: at(to, dayOffset),
});

beforeAll(async () => {
  t = await startTestApp({}, { clinicHours: 'default' });
  admin = await t.signIn('admin');
  assistant = await t.signIn('assistant');
  ({
    patient: { id: patientId },
  } = await createOwnerWithPet(assistant));
  const settings = await admin.trpc.schedule.settings.query();
  await admin.trpc.schedule.updateSettings.mutate({
    updatedAt: settings.updatedAt,
    timeZone: 'UTC',
    openingHours: settings.openingHours,
  });
  const start = new Date(t.clock.now().getTime() + 7 * DAY);
  const toMonday = (8 - (start.getUTCDay() || 7)) % 7;
  monday = new Date(start.getTime() + toMonday * DAY).toISOString().slice(0, 10);
});
afterAll(() => t.close());

const book = (
  when: { startsAt: Date; endsAt: Date },
  extra: { outsideHours?: boolean; veterinarianId?: string } = {},
) =>
  assistant.trpc.appointments.create.mutate({
    patientId,
    veterinarianId: t.users.vet.id,
    reason: 'Check-up',
    ...when,
    ...extra,
  });

describe('clinic settings', () => {
  it('start as Monday to Friday 08:00–18:00, closed at the weekend, on the server’s zone until chosen', async () => {
    const fresh = await startTestApp({}, { clinicHours: 'default' });
    try {
      const settings = await (await fresh.signIn('vet')).trpc.schedule.settings.query();
      expect(settings.chosenTimeZone).toBeNull();
      expect(settings.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(settings.openingHours).toEqual([
        ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '18:00' })),
        null,
        null,
      ]);
      const vets = await (await fresh.signIn('assistant')).trpc.schedule.veterinarians.query();
      expect(vets.map((v) => v.workingDays)).toEqual([
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4, 5],
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a closing time before the opening, a malformed time, an unknown zone and a wrong day count', async () => {
    const { updatedAt, openingHours } = await admin.trpc.schedule.settings.query();
    const cases: [unknown, string][] = [
      [
        { timeZone: 'UTC', openingHours: [{ open: '18:00', close: '08:00' }, ...openingHours.slice(1)] },
        'openingHours.0.close',
      ],
      [
        { timeZone: 'UTC', openingHours: [{ open: '09:00', close: '09:00' }, ...openingHours.slice(1)] },
        'openingHours.0.close',
      ],
      [
        { timeZone: 'UTC', openingHours: [{ open: '8:00', close: '18:00' }, ...openingHours.slice(1)] },
        'openingHours.0.open',
      ],
      [
        { timeZone: 'UTC', openingHours: [{ open: '08:00', close: '24:30' }, ...openingHours.slice(1)] },
        'openingHours.0.close',
      ],
      [{ timeZone: 'Mars/Olympus_Mons', openingHours }, 'timeZone'],
      [{ timeZone: `Europe/${'x'.repeat(100)}`, openingHours }, 'timeZone'],
      [{ timeZone: 'UTC', openingHours: openingHours.slice(1) }, 'openingHours'],
    ];
    for (const [input, path] of cases) {
      const refused = await errorOf(
        admin.trpc.schedule.updateSettings.mutate({ updatedAt, ...(input as object) } as never),
      );
      expect(refused.data.code).toBe('BAD_REQUEST');
      expect(refused.data.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    }
    expect(await admin.trpc.schedule.settings.query()).toMatchObject({ updatedAt, timeZone: 'UTC' });
    const assistantTry = await errorOf(
      assistant.trpc.schedule.updateSettings.mutate({ updatedAt, timeZone: 'UTC', openingHours }),
    );
    expect(assistantTry.data.code).toBe('FORBIDDEN');
  });
});

describe('booking outside opening hours', () => {
  it('is refused naming the start, and booked when the desk says so explicitly', async () => {
    const before = await t.db.$count(appointments);
    for (const when of [
      slot('07:30', '08:00'), // before opening
      slot('17:45', '18:15'), // runs past closing
      slot('10:00', '10:30', 5), // Saturday
    ]) {
      const refused = await errorOf(book(when));
      expectFieldRefusal(refused.data, {
        code: 'BAD_REQUEST',
        field: 'startsAt',
        message: 'This time is outside the clinic’s opening hours',
      });
      expect(refused.data.details).toEqual({ kind: 'outside_hours', reason: 'closed' });
    }
    expect(await t.db.$count(appointments)).toBe(before);
    await expect(book(slot('08:00', '08:30'))).resolves.toMatchObject({ status: 'scheduled' });
    await expect(book(slot('17:30', '18:00'))).resolves.toMatchObject({ status: 'scheduled' });
    await expect(book(slot('10:00', '10:30', 5), { outsideHours: true })).resolves.toMatchObject({
      status: 'scheduled',
    });
  });

  it('refuses a vet’s day off, and a reschedule into one, unless overridden', async () => {
    await admin.trpc.schedule.setWorkingDays.mutate({
      veterinarianId: t.users.vet2.id,
      workingDays: [1, 2, 3],
    });
    const refused = await errorOf(book(slot('09:00', '09:30', 3), { veterinarianId: t.users.vet2.id }));
    expectFieldRefusal(refused.data, {
      code: 'BAD_REQUEST',
      field: 'startsAt',
      message: 'The veterinarian does not work on this day',
    });
    expect(refused.data.details).toEqual({ kind: 'outside_hours', reason: 'day_off' });

    const booked = await book(slot('09:00', '09:30', 2), { veterinarianId: t.users.vet2.id });
    const move = { id: booked.id, updatedAt: booked.updatedAt, ...slot('09:00', '09:30', 3) };
    const moveRefused = await errorOf(assistant.trpc.appointments.reschedule.mutate(move));
    expect(moveRefused.data.details).toEqual({ kind: 'outside_hours', reason: 'day_off' });
    await expect(
      assistant.trpc.appointments.reschedule.mutate({ ...move, outsideHours: true }),
    ).resolves.toMatchObject({ startsAt: at('09:00', 3) });
  });

  it('follows the clinic’s time zone: 08:00 in New York is 13:00 UTC in November', async () => {
    const settings = await admin.trpc.schedule.settings.query();
    await admin.trpc.schedule.updateSettings.mutate({
      updatedAt: settings.updatedAt,
      timeZone: 'America/New_York',
      openingHours: settings.openingHours,
    });
    try {
      const free = await assistant.trpc.schedule.freeSlots.query({
        veterinarianId: t.users.vet2.id,
        date: monday,
        minutes: 30,
      });
      expect(free.timeZone).toBe('America/New_York');
      expect(free.open).toEqual(slot('13:00', '23:00'));
      const refused = await errorOf(book(slot('12:30', '13:00')));
      expect(refused.data.details).toEqual({ kind: 'outside_hours', reason: 'closed' });
    } finally {
      const current = await admin.trpc.schedule.settings.query();
      await admin.trpc.schedule.updateSettings.mutate({
        updatedAt: current.updatedAt,
        timeZone: 'UTC',
        openingHours: current.openingHours,
      });
    }
  });
});

describe('free slots', () => {
  it('are the opening hours minus live appointments, including ones across the day’s edges; cancelled ones free their time', async () => {
    const day = 14; // two weeks after `monday`: a Monday nothing else in this file books
    // Written straight to the table (as the owner): appointments across midnight that the API would refuse.
    const base = { patientId, veterinarianId: t.users.vet.id, reason: 'Edge' };
    await t.db.insert(appointments).values([
      { ...base, ...slot('07:00', '08:30', day) }, // started before opening
      { ...base, ...slot('09:00', '09:30', day) },
      { ...base, ...slot('10:15', '11:00', day), status: 'confirmed' },
      { ...base, ...slot('12:00', '13:00', day), status: 'cancelled', cancelReason: 'Owner called' },
      { ...base, ...slot('14:00', '14:20', day), status: 'no_show' },
      { ...base, ...slot('17:40', '19:00', day) }, // runs past closing
    ]);
    const date = at('00:00', day).toISOString().slice(0, 10);
    const free = await assistant.trpc.schedule.freeSlots.query({
      veterinarianId: t.users.vet.id,
      date,
      minutes: 30,
    });
    expect(free.closedReason).toBeNull();
    expect(free.intervals).toEqual([
      slot('08:30', '09:00', day),
      slot('09:30', '10:15', day),
      slot('11:00', '17:40', day),
    ]);
    const times = free.slots.map((s) => s.toISOString().slice(11, 16));
    expect(times.slice(0, 4)).toEqual(['08:30', '09:30', '09:45', '11:00']);
    expect(times).toContain('12:00'); // the cancelled appointment's time is free
    expect(times.at(-1)).toBe('17:00'); // 17:00–17:30 is the last half hour before 17:40
    expect(times).not.toContain('10:00'); // 10:00–10:30 would run into 10:15

    // The patient's own appointment with another vet blocks the patient's slots too.
    const withPatient = await assistant.trpc.schedule.freeSlots.query({
      veterinarianId: t.users.vet2.id,
      date,
      minutes: 30,
      patientId,
    });
    expect(withPatient.intervals[0]).toEqual(slot('08:30', '09:00', day));
  });

  it('are empty on a closed day and on the vet’s day off, and never in the past', async () => {
    const saturday = at('00:00', 5).toISOString().slice(0, 10);
    const closed = await assistant.trpc.schedule.freeSlots.query({
      veterinarianId: t.users.vet.id,
      date: saturday,
      minutes: 15,
    });
    expect(closed).toMatchObject({ closedReason: 'closed', intervals: [], slots: [] });
    const thursday = at('00:00', 3).toISOString().slice(0, 10);
    const off = await assistant.trpc.schedule.freeSlots.query({
      veterinarianId: t.users.vet2.id,
      date: thursday,
      minutes: 15,
    });
    expect(off).toMatchObject({ closedReason: 'day_off', slots: [] });

    const now = t.clock.now();
    const today = now.toISOString().slice(0, 10);
    const todays = await assistant.trpc.schedule.freeSlots.query({
      veterinarianId: t.users.vet.id,
      date: today,
      minutes: 15,
    });
    for (const start of todays.slots) expect(start.getTime()).toBeGreaterThanOrEqual(now.getTime());
  });

  it('a clash offers the next free time within opening hours, on the next working day when the day is full', async () => {
    const day = 21;
    await book(slot('16:00', '18:00', day));
    const clash = await errorOf(book(slot('17:00', '17:30', day)));
    expect(clash.data.details).toMatchObject({
      kind: 'booking_clash',
      clash: { startsAt: at('16:00', day), endsAt: at('18:00', day), veterinarianName: 'Dr. Vera Vet' },
      nextFree: slot('08:00', '08:30', day + 1),
    });
  });
});
