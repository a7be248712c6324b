import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendarDate } from './clock';
import { liveLog, watchLive } from './live-log';
import {
  type apiAs,
  ownerWithPet,
  screenshot,
  serverNow,
  settled,
  signedInPage,
  unique,
  withBrowser,
} from './support';

/**
 * The live clinic beyond Today (issue 11): the calendar, a patient's chart and the admin's audit timeline follow
 * a change another person makes, without a reload. Each test proves the screen was pushed, not polled: the
 * page's own log (see `watchLive`) shows the screen's refetch only after a live event naming the row, and no
 * refetch of it before. The "not live" indicator never shows while live updates are up, and shows while they
 * are lost; once they are back the screen catches up on what changed meanwhile.
 */
const browser = withBrowser();
const id = unique();

/**
 * From `from` on in the page's log: the index of the first live frame mentioning `rowId`, and of the first call
 * of `procedure` (a batch naming it counts).
 */
async function pushedThenFetched(page: Page, from: number, rowId: string, procedure: string) {
  const log = (await liveLog(page)).slice(from);
  const frame = log.findIndex((entry) => entry.kind === 'frame' && entry.data.includes(rowId));
  const call = log.findIndex((entry) => entry.kind === 'call' && entry.path.split(',').includes(procedure));
  return { frame, call };
}

/** Marks the page: the mark survives until a reload. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** The indicator never shows on a normal load (sampled through its first seconds). */
async function neverNotLive(page: Page) {
  for (let i = 0; i < 8; i++) {
    expect(await page.getByTestId('live-indicator').count()).toBe(0);
    await page.waitForTimeout(250);
  }
}

/** A free slot of `vetName` on the server's calendar `days` from today (the day's last, away from the others). */
async function freeSlot(api: Awaited<ReturnType<typeof apiAs>>, vetName: string, days: number) {
  const vets = await api.users.veterinarians.query();
  const vet = vets.find((v) => v.fullName === vetName)!;
  const day = new Date(serverNow().getTime() + days * 24 * 3_600_000);
  const free = await api.schedule.freeSlots.query({
    veterinarianId: vet.id,
    date: calendarDate(day),
    minutes: 20,
  });
  const startsAt = free.slots.at(-1);
  if (!startsAt) throw new Error(`${vetName} has no free slot on ${calendarDate(day)}`);
  return { vet, day, startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000) };
}

const timeOf = (d: Date) =>
  d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

describe('live updates beyond Today', () => {
  it('the calendar shows a booking made at another desk, pushed not polled, without a reload', async () => {
    const desk = await newWatchedPage('assistant');
    const other = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(other.context, `Cal${id}`, { species: 'Dog' });
    const { vet, day, startsAt, endsAt } = await freeSlot(api, 'Dr. Sofia Ramirez', 1);

    await desk.page.goto(`/calendar?date=${calendarDate(day)}&view=day&vet=${vet.id}`);
    await settled(desk.page);
    await neverNotLive(desk.page);
    await markPage(desk.page);
    const from = (await liveLog(desk.page)).length;

    const appointment = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: vet.id,
      reason: `Booked live ${id}`,
      startsAt,
      endsAt,
    });
    const card = desk.page.getByRole('button', { name: new RegExp(`${timeOf(startsAt)} ${pet.name}`) });
    await expect.poll(() => card.count(), { timeout: 5_000, interval: 50 }).toBe(1);
    const order = await pushedThenFetched(desk.page, from, appointment.id, 'appointments.list');
    expect(order.frame).toBeGreaterThanOrEqual(0);
    expect(order.call).toBeGreaterThan(order.frame);
    expect(await notReloaded(desk.page)).toBe(true);
    expect(await desk.page.getByTestId('live-indicator').count()).toBe(0);
    await screenshot(desk.page, 'live-calendar-booking');
    await desk.context.close();
    await other.context.close();
  });

  it("a patient's chart shows a booking and a vet's new record from elsewhere, without a reload", async () => {
    const desk = await newWatchedPage('assistant');
    const vet = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(vet.context, `Chart${id}`, { species: 'Cat' });
    const { vet: ramirez, startsAt, endsAt } = await freeSlot(api, 'Dr. Sofia Ramirez', 2);

    await desk.page.goto(`/patients/${pet.id}`);
    await settled(desk.page);
    await neverNotLive(desk.page);
    await markPage(desk.page);
    const upcoming = desk.page.locator('div', {
      has: desk.page.getByRole('heading', { name: 'Upcoming appointments' }),
    });
    expect(await desk.page.getByText(`Follow-up live ${id}`).count()).toBe(0);

    // Reception elsewhere books the cat: it shows under "Upcoming appointments".
    let from = (await liveLog(desk.page)).length;
    const appointment = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: ramirez.id,
      reason: `Follow-up live ${id}`,
      startsAt,
      endsAt,
    });
    await expect
      .poll(() => upcoming.getByText(`Follow-up live ${id}`).count(), { timeout: 5_000, interval: 50 })
      .toBeGreaterThan(0);
    let order = await pushedThenFetched(desk.page, from, appointment.id, 'patients.get');
    expect(order.frame).toBeGreaterThanOrEqual(0);
    expect(order.call).toBeGreaterThan(order.frame);

    // The vet writes a visit record: it appears in the medical history.
    from = (await liveLog(desk.page)).length;
    const record = await api.medicalRecords.create.mutate({
      patientId: pet.id,
      reason: `Sneezing live ${id}`,
      findings: 'Clear nasal discharge',
      diagnosis: 'Upper respiratory infection',
    });
    await expect
      .poll(() => desk.page.getByText(`Sneezing live ${id}`).count(), { timeout: 5_000, interval: 50 })
      .toBeGreaterThan(0);
    order = await pushedThenFetched(desk.page, from, record.id, 'medicalRecords.listForPatient');
    expect(order.frame).toBeGreaterThanOrEqual(0);
    expect(order.call).toBeGreaterThan(order.frame);
    expect(await notReloaded(desk.page)).toBe(true);
    expect(await desk.page.getByTestId('live-indicator').count()).toBe(0);
    await screenshot(desk.page, 'live-patient-chart');

    // Lost: the chart says so beside the patient's name.
    await desk.page.route('**/trpc/live.changes**', (route) => route.abort('connectionreset'));
    await desk.page.evaluate(() => (window as unknown as { dropLive(): void }).dropLive());
    await expect
      .poll(() => desk.page.getByTestId('live-indicator').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await screenshot(desk.page, 'live-patient-not-live', { fullPage: false });
    await desk.context.close();
    await vet.context.close();
  });

  it("the admin's audit timeline shows a new entry (an owner's edit, which sends no event of its own)", async () => {
    const admin = await newWatchedPage('admin');
    const desk = await signedInPage(browser(), 'assistant');
    const { api, owner } = await ownerWithPet(desk.context, `Aud${id}`);

    await admin.page.goto('/admin/audit');
    await settled(admin.page);
    await neverNotLive(admin.page);
    await markPage(admin.page);
    const from = (await liveLog(admin.page)).length;
    const entries = admin.page.getByTestId('audit-entry');
    const edited = entries.filter({ hasText: `Livelyedit${id}` });
    expect(await edited.count()).toBe(0);

    await api.owners.update.mutate({ id: owner.id, updatedAt: owner.updatedAt, lastName: `Livelyedit${id}` });
    await expect.poll(() => edited.count(), { timeout: 5_000, interval: 50 }).toBeGreaterThan(0);
    const log = (await liveLog(admin.page)).slice(from);
    const frame = log.findIndex((entry) => entry.kind === 'frame' && entry.data.includes('"audit_log"'));
    const call = log.findIndex(
      (entry) => entry.kind === 'call' && entry.path.split(',').includes('audit.list'),
    );
    expect(frame).toBeGreaterThanOrEqual(0);
    expect(call).toBeGreaterThan(frame);
    expect(await notReloaded(admin.page)).toBe(true);
    expect(await admin.page.getByTestId('live-indicator').count()).toBe(0);
    await screenshot(admin.page, 'live-audit-timeline', { fullPage: false });
    await admin.context.close();
    await desk.context.close();
  });

  it('while live updates are lost the calendar says "Not live"; once back it catches up on what changed meanwhile', async () => {
    const desk = await newWatchedPage('assistant');
    const other = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(other.context, `Lost${id}`, { species: 'Dog' });
    const { vet, day, startsAt, endsAt } = await freeSlot(api, 'Dr. James Okafor', 1);
    await desk.page.goto(`/calendar?date=${calendarDate(day)}&view=day&vet=${vet.id}`);
    await settled(desk.page);
    await markPage(desk.page);

    // The live stream's connection drops and cannot be re-established (everything else still answers).
    await desk.page.route('**/trpc/live.changes**', (route) => route.abort('connectionreset'));
    await desk.page.evaluate(() => {
      (window as unknown as { dropLive(): void }).dropLive();
    });
    const indicator = desk.page.getByTestId('live-indicator');
    await expect.poll(() => indicator.isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(desk.page, 'live-calendar-not-live', { fullPage: false });

    // Booked meanwhile: the event is gone for this tab.
    await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: vet.id,
      reason: `Booked while lost ${id}`,
      startsAt,
      endsAt,
    });
    await desk.page.unroute('**/trpc/live.changes**');
    const card = desk.page.getByRole('button', { name: new RegExp(`${timeOf(startsAt)} ${pet.name}`) });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => indicator.count(), { timeout: 10_000 }).toBe(0);
    expect(await notReloaded(desk.page)).toBe(true);
    await desk.context.close();
    await other.context.close();
  });
});

/** A signed-in page whose live frames and calls are logged (watchLive), and whose live stream a test can drop. */
async function newWatchedPage(user: 'admin' | 'assistant' | 'vet') {
  const page = await signedInPage(browser(), user);
  await watchLive(page.context);
  await page.context.addInitScript(() => {
    // Drops the open live stream as a lost connection would: EventSource then reconnects by itself.
    const sources: EventSource[] = [];
    const Watched = window.EventSource;
    window.EventSource = class extends Watched {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        sources.push(this);
      }
    };
    (window as unknown as { dropLive(): void }).dropLive = () => {
      for (const source of sources.splice(0)) {
        source.close();
        source.dispatchEvent(new Event('error'));
      }
    };
  });
  return page;
}
