/**
 * Issue 11 item 5: the triage thresholds (how long a checked-in patient of each priority may wait before Today
 * flags it) are read by every role, changed by admins only, refused with the field named when out of order or
 * bounds (changing nothing), and a change reaches every open screen's live stream at once.
 */
import { clinicSettings } from '@vetflow/schema';
import { DEFAULT_TRIAGE_MINUTES } from '@vetflow/schema/values';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { errorOf, type TestClient } from '../support/client';
import { isChange, type LiveStream, openLive } from '../support/live';
import { expectFieldRefusal } from '../support/refusal';

let t: TestApp;
let admin: TestClient;
const open: LiveStream[] = [];

beforeAll(async () => {
  t = await startTestApp({}, { live: { sessionCheckMs: 300 } });
  admin = await t.signIn('admin');
}, 60_000);
afterAll(async () => {
  for (const stream of open) stream.close();
  await t?.close();
});

/** The settings row as the database holds it (not through the API). */
async function stored() {
  const [row] = await t.db.select().from(clinicSettings);
  return row!;
}

describe('triage thresholds', () => {
  it('start at an emergency at once, urgent after 15 minutes, routine after 30, for every staff role', async () => {
    for (const key of ['admin', 'vet', 'assistant'] as const) {
      const settings = await (await t.signIn(key)).trpc.schedule.settings.query();
      expect(settings.triageMinutes).toEqual(DEFAULT_TRIAGE_MINUTES);
    }
  });

  it('an admin changes them alone: the opening hours and time zone stay, the change is audited', async () => {
    const before = await admin.trpc.schedule.settings.query();
    const saved = await admin.trpc.schedule.updateSettings.mutate({
      updatedAt: before.updatedAt,
      triageMinutes: { emergency: 0, urgent: 10, routine: 20 },
    });
    expect(saved.triageMinutes).toEqual({ emergency: 0, urgent: 10, routine: 20 });
    expect(saved.openingHours).toEqual(before.openingHours);
    expect(saved.chosenTimeZone).toBe(before.chosenTimeZone);
    expect(saved.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const row = await stored();
    expect([row.triageEmergencyMinutes, row.triageUrgentMinutes, row.triageRoutineMinutes]).toEqual([
      0, 10, 20,
    ]);
    // Saving the opening hours without the thresholds leaves them as they are.
    const again = await admin.trpc.schedule.updateSettings.mutate({
      updatedAt: saved.updatedAt,
      openingHours: saved.openingHours,
      timeZone: 'UTC',
    });
    expect(again.triageMinutes).toEqual({ emergency: 0, urgent: 10, routine: 20 });
    expect(again.chosenTimeZone).toBe('UTC');
  });

  it('refuses vets, assistants and the waiting-room display', async () => {
    const { updatedAt } = await admin.trpc.schedule.settings.query();
    const display = await t.signInAs((await t.createStaff('display')).username);
    for (const client of [await t.signIn('vet'), await t.signIn('assistant'), display]) {
      const refused = await errorOf(
        client.trpc.schedule.updateSettings.mutate({
          updatedAt,
          triageMinutes: { emergency: 0, urgent: 1, routine: 2 },
        }),
      );
      expect(refused.data.code).toBe('FORBIDDEN');
    }
    expect((await admin.trpc.schedule.settings.query()).updatedAt).toEqual(updatedAt);
  });

  it('refuses an order where a more pressing priority waits longer, naming the field, and changes nothing', async () => {
    const before = await stored();
    const { updatedAt } = await admin.trpc.schedule.settings.query();
    const cases: [{ emergency: number; urgent: number; routine: number }, string, string][] = [
      [
        { emergency: 0, urgent: 40, routine: 30 },
        'triageMinutes.routine',
        'At least the urgent threshold (40 min)',
      ],
      [
        { emergency: 20, urgent: 15, routine: 30 },
        'triageMinutes.urgent',
        'At least the emergency threshold (20 min)',
      ],
      [{ emergency: 0, urgent: 15, routine: 481 }, 'triageMinutes.routine', 'At most 480 minutes'],
      [{ emergency: -5, urgent: 15, routine: 30 }, 'triageMinutes.emergency', 'At least 0 minutes'],
    ];
    for (const [triageMinutes, field, message] of cases) {
      const refused = await errorOf(admin.trpc.schedule.updateSettings.mutate({ updatedAt, triageMinutes }));
      expectFieldRefusal(refused.data, { code: 'BAD_REQUEST', field, message });
    }
    // Opening hours sent along with a bad threshold are not saved either.
    const refused = await errorOf(
      admin.trpc.schedule.updateSettings.mutate({
        updatedAt,
        timeZone: 'Europe/Berlin',
        triageMinutes: { emergency: 0, urgent: 40, routine: 30 },
      }),
    );
    expect(refused.data.code).toBe('BAD_REQUEST');
    expect(await stored()).toEqual(before);
  });

  it('a change over someone else’s is a stale edit, and changes nothing', async () => {
    const seen = await admin.trpc.schedule.settings.query();
    const other = await t.signIn('admin');
    await other.trpc.schedule.updateSettings.mutate({
      updatedAt: seen.updatedAt,
      triageMinutes: { emergency: 0, urgent: 5, routine: 25 },
    });
    const refused = await errorOf(
      admin.trpc.schedule.updateSettings.mutate({
        updatedAt: seen.updatedAt,
        triageMinutes: { emergency: 0, urgent: 30, routine: 60 },
      }),
    );
    expect(refused.data.code).toBe('CONFLICT');
    expect(refused.data.details).toMatchObject({
      kind: 'stale_edit',
      current: { triageMinutes: { emergency: 0, urgent: 5, routine: 25 } },
    });
    expect((await admin.trpc.schedule.settings.query()).triageMinutes).toEqual({
      emergency: 0,
      urgent: 5,
      routine: 25,
    });
  });

  it('a change reaches every staff member’s live stream within a second, as table, id, kind and version only', async () => {
    const clients = [await t.signIn('vet'), await t.signIn('assistant'), await t.signIn('admin')];
    const streams = clients.map((client) => {
      const stream = openLive(client);
      open.push(stream);
      return stream;
    });
    // The waiting-room display hears only what its board shows: appointments and patients.
    const board = openLive(await t.signInAs((await t.createStaff('display')).username));
    open.push(board);
    await Promise.all(
      [...streams, board].map((stream) => stream.waitFor((frame) => frame.data.type === 'ready')),
    );
    const { id, updatedAt } = await admin.trpc.schedule.settings.query();
    const started = Date.now();
    const saved = await admin.trpc.schedule.updateSettings.mutate({
      updatedAt,
      triageMinutes: { emergency: 0, urgent: 15, routine: 45 },
    });
    for (const stream of streams) {
      const frame = await stream.waitFor(isChange('clinic_settings', id), 1000);
      expect(frame.data).toEqual({
        type: 'change',
        change: { table: 'clinic_settings', id, kind: 'update', version: saved.updatedAt.getTime() },
      });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(board.frames.filter(isChange('clinic_settings', id))).toEqual([]);
  });
});
