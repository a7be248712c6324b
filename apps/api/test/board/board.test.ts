/**
 * Issue 11 item 4: the waiting-room board and the display role. A display account sees today's patients in the
 * clinic by pet name and species, their state and since when — never an owner, a phone, a reason or anything
 * clinical; it hears of appointment and patient changes only (which row, no more); and its session lasts the
 * working day without anyone touching the screen. (That it may call nothing else is policy.test.ts.)
 */
import { localTimeZone, wallClock, zonedInstant } from '@vetflow/schema/clinic-time';
import { BOARD_READY_MINUTES } from '@vetflow/schema/values';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { isChange, type LiveStream, openLive } from '../support/live';

const MINUTE = 60_000;
let t: TestApp;
let assistant: TestClient;
let vet: TestClient;
let display: TestClient;
const streams: LiveStream[] = [];

/** Today's `hh:mm` on the clinic's wall clock (the test clinic keeps the server's zone). */
let today = '';
const at = (hours: number, minutes = 0) => zonedInstant(today, hours * 60 + minutes, localTimeZone());

beforeAll(async () => {
  t = await startTestApp({}, { live: { sessionCheckMs: 300 } });
  // Start at 09:00 tomorrow, whatever the hour the suite runs at, so every booking below is today's.
  const tomorrow = wallClock(new Date(t.clock.now().getTime() + 24 * 60 * MINUTE), localTimeZone()).date;
  today = tomorrow;
  t.clock.advance(at(9).getTime() - t.clock.now().getTime());
}, 60_000);
// Fresh sessions for each test: the clock moves on by more than a staff session's idle window in some.
beforeEach(async () => {
  assistant = await t.signIn('assistant');
  vet = await t.signIn('vet');
  display = await t.signIn('display');
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await t?.close();
});

async function booked(suffix: string, hours: number, minutes: number) {
  const { patient } = await createOwnerWithPet(assistant, suffix);
  const startsAt = at(hours, minutes);
  const appointment = await assistant.trpc.appointments.create.mutate({
    patientId: patient.id,
    veterinarianId: t.users.vet.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 10 * MINUTE),
    reason: 'SECRET-REASON limping',
    notes: 'SECRET-NOTE call the owner back',
  });
  return { patient, appointment };
}
const setStatus = (id: string, status: 'checked_in' | 'in_progress' | 'completed') =>
  assistant.trpc.appointments.setStatus.mutate({ id, status });

describe('the waiting-room board', () => {
  it('shows who waits, who is in consult and who is ready, by pet name and species, longest wait first', async () => {
    const first = await booked('Board1', 9, 10);
    const second = await booked('Board2', 9, 20);
    const consult = await booked('Board3', 9, 30);
    const ready = await booked('Board4', 9, 40);
    const gone = await booked('Board5', 9, 50);
    const later = await booked('Board6', 11, 0); // booked, not here yet: not on the board

    await setStatus(gone.appointment.id, 'checked_in');
    await setStatus(gone.appointment.id, 'in_progress');
    await setStatus(gone.appointment.id, 'completed');
    t.clock.advance((BOARD_READY_MINUTES + 1) * MINUTE); // picked up long ago
    assistant = await t.signIn('assistant');
    await setStatus(second.appointment.id, 'checked_in');
    t.clock.advance(2 * MINUTE);
    await setStatus(consult.appointment.id, 'checked_in');
    await setStatus(consult.appointment.id, 'in_progress');
    await setStatus(ready.appointment.id, 'checked_in');
    await setStatus(ready.appointment.id, 'in_progress');
    await setStatus(ready.appointment.id, 'completed');
    t.clock.advance(3 * MINUTE);
    await setStatus(first.appointment.id, 'checked_in');

    const board = await display.trpc.board.today.query();
    expect(board.date).toBe(today);
    expect(board.now.getTime()).toBe(t.clock.now().getTime());
    const mine = board.patients.filter((p) => p.petName.startsWith('RexBoard'));
    expect(mine.map((p) => [p.petName, p.state])).toEqual([
      ['RexBoard2', 'waiting'], // checked in 3 minutes before RexBoard1
      ['RexBoard1', 'waiting'],
      ['RexBoard3', 'in_consult'],
      ['RexBoard4', 'ready'],
    ]);
    expect(mine[0]).toEqual({
      appointmentId: second.appointment.id,
      petName: 'RexBoard2',
      species: 'Dog',
      state: 'waiting',
      since: new Date(t.clock.now().getTime() - 5 * MINUTE),
    });
    expect(board.patients.some((p) => p.appointmentId === later.appointment.id)).toBe(false);
    // Nothing of the owner, the reason, the notes or the patient's record.
    const text = JSON.stringify(board);
    expect(text).not.toMatch(/SECRET|Olive|555 010|Penicillin|Anaphylaxis|limping/i);
    for (const entry of board.patients) {
      expect(Object.keys(entry).sort()).toEqual(['appointmentId', 'petName', 'since', 'species', 'state']);
    }
    // Staff may open the board too, and see the same.
    vet = await t.signIn('vet');
    expect((await vet.trpc.board.today.query()).patients).toEqual(board.patients);
  });

  it("is today's only: yesterday's patients still marked waiting are not on it", async () => {
    const stale = await booked('Board7', 10, 0);
    await setStatus(stale.appointment.id, 'checked_in');
    expect((await display.trpc.board.today.query()).patients.map((p) => p.petName)).toContain('RexBoard7');
    t.clock.advance(24 * 60 * MINUTE);
    display = await t.signIn('display');
    const tomorrow = await display.trpc.board.today.query();
    expect(tomorrow.date).not.toBe(today);
    expect(tomorrow.patients.map((p) => p.petName)).not.toContain('RexBoard7');
    t.clock.advance(-24 * 60 * MINUTE);
  });
});

describe("the display's live updates", () => {
  it('hear of appointments and patients by id only, and never of medical records', async () => {
    const stream = openLive(display);
    streams.push(stream);
    await stream.waitFor((frame) => frame.data.type === 'ready');
    const { patient, appointment } = await booked('Board8', 12, 0);
    const record = await vet.trpc.medicalRecords.create.mutate({
      patientId: patient.id,
      reason: 'SECRET-REASON',
      findings: 'SECRET-FINDING',
    });
    await setStatus(appointment.id, 'checked_in');
    const frame = await stream.waitFor(isChange('appointments', appointment.id), 2000);
    if (frame.data.type !== 'change') throw new Error('not a change');
    expect(frame.data.change).toEqual({
      table: 'appointments',
      id: appointment.id,
      kind: expect.stringMatching(/^(insert|update)$/),
      version: expect.any(Number),
    });
    await stream.waitFor(isChange('patients', patient.id), 2000);
    // The record was committed before the check-in, so its event (had the display heard of it) came first.
    expect(stream.frames.some(isChange('medical_records', record.id))).toBe(false);
    expect(JSON.stringify(stream.frames)).not.toMatch(/SECRET|patientId|vetId|startsAt|ownerId/);
  });
});

describe("the display's session", () => {
  it('lasts the working day without anyone touching the screen; a staff session idles out', async () => {
    const screen = await t.signIn('display');
    const desk = await t.signIn('assistant');
    t.clock.advance(2 * 60 * MINUTE); // two hours, nobody at either
    expect((await screen.trpc.auth.me.query()).user?.role).toBe('display');
    expect(await desk.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: true });
    const expiry = await screen.trpc.auth.expiry.query();
    // The idle end is the session's end (12 hours after signing in), not half an hour from now.
    expect(expiry.idleRemainingMs).toBe(expiry.absoluteRemainingMs);
    expect(expiry.idleTimeoutMs).toBe(12 * 60 * MINUTE);
    t.clock.advance(10 * 60 * MINUTE + MINUTE); // past the 12-hour lifetime
    expect(await screen.trpc.auth.me.query()).toEqual({ user: null, sessionExpired: true });
  });
});
