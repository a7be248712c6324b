import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server';
import { at } from './clock';
import { screenshot, seriousViolations, settled, signedInPage, withBrowser } from './support';

/**
 * The day's states on purpose, not by the hour CI runs: one server per state, its demo clinic seeded at that
 * moment, and the browser's clock held there. Today shows what the front desk should see at each, Today and
 * the day's calendar pass axe (no serious or critical violation), and a screenshot of each is kept.
 *
 * The demo day (the same every day): Dr. Ramirez sees an urgent patient at 10:00 (checked in at 09:50), then
 * five more; Dr. Okafor six from 11:30; one cancellation at 12:00 and, by evening, one no-show at 13:00.
 */
const STATES = {
  beforeOpening: at('07:00'),
  patientsWaiting: at('09:52'),
  runningLate: at('10:20'),
  afterClosing: at('19:00'),
} as const;
type State = keyof typeof STATES;

const browser = withBrowser();
const servers = {} as Record<State, ApiServer>;
beforeAll(async () => {
  // In parallel: each start (migrations and seed on a fresh PGlite) takes about ten seconds.
  await Promise.all(
    (Object.keys(STATES) as State[]).map(async (state) => {
      servers[state] = await startApiServer(STATES[state]);
    }),
  );
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

/** Today as the assistant sees it at `state`'s moment. */
async function todayAt(state: State) {
  const { context, page } = await signedInPage(browser(), 'assistant', {
    baseURL: servers[state].baseUrl,
    fixedTime: STATES[state],
  });
  await page.goto('/today');
  await settled(page);
  await expect.poll(() => page.getByText('Tuesday, November 24, 2026').isVisible()).toBe(true);
  return { context, page };
}

/** A summary figure at the top of Today ("Waiting", "In progress"…), as its text. */
async function stat(page: Page, label: string) {
  const text = await page.getByText(label, { exact: true }).locator('..').textContent();
  return text?.slice(label.length).trim();
}

const cards = (page: Page) => page.getByRole('article').allTextContents();

async function scan(page: Page, name: string) {
  await settled(page);
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}:\n${violations.join('\n')}`).toEqual([]);
}

/** The calendar of the same day, with the statuses of that moment. */
async function calendarToo(page: Page, state: string) {
  await page.goto('/calendar');
  await settled(page);
  await scan(page, `calendar-${state}`);
}

describe('Today through the day', () => {
  it('before opening: everyone is still to come', async () => {
    const { context, page } = await todayAt('beforeOpening');
    expect(await stat(page, 'Appointments')).toBe('10');
    expect(await stat(page, 'Waiting')).toBe('0');
    expect(await stat(page, 'In progress')).toBe('0');
    const list = await cards(page);
    expect(list).toHaveLength(10);
    for (const card of list) {
      expect(card).toMatch(/Scheduled|Confirmed/);
      expect(card).not.toMatch(/Waiting|Checked in|In progress|Completed/);
    }
    await expect.poll(() => page.getByRole('button', { name: /^Check in: / }).count()).toBe(10);
    await scan(page, 'today-before-opening');
    await calendarToo(page, 'before-opening');
    await context.close();
  });

  it('patients waiting: the first patient has checked in and waits, not yet for long', async () => {
    const { context, page } = await todayAt('patientsWaiting');
    expect(await stat(page, 'Waiting')).toBe('1');
    const waiting = page.getByRole('article').filter({ hasText: 'Checked in' });
    expect(await waiting.count()).toBe(1);
    expect(await waiting.textContent()).toContain('Waiting 2 min');
    expect(await page.getByText(/over 15 min/).count()).toBe(0);
    await scan(page, 'today-patients-waiting');
    await calendarToo(page, 'patients-waiting');
    await context.close();
  });

  it('running late: the waiting patient is flagged, and the summary says how many wait too long', async () => {
    const { context, page } = await todayAt('runningLate');
    expect(await stat(page, 'Waiting')).toBe('1(1 waiting too long)');
    const waiting = page.getByRole('article').filter({ hasText: 'Checked in' });
    expect(await waiting.textContent()).toContain('Waiting 30 min — over 15 min');
    await scan(page, 'today-running-late');
    await calendarToo(page, 'running-late');
    await context.close();
  });

  it('after closing: every visit done; cancellations and no-shows on request', async () => {
    const { context, page } = await todayAt('afterClosing');
    expect(await stat(page, 'Appointments')).toBe('9');
    expect(await stat(page, 'Waiting')).toBe('0');
    expect(await stat(page, 'In progress')).toBe('0');
    const list = await cards(page);
    expect(list).toHaveLength(9);
    for (const card of list) expect(card).toContain('Completed');
    await scan(page, 'today-after-closing');

    await page.getByRole('switch', { name: 'Show cancelled and no-shows' }).check();
    await expect.poll(() => cards(page).then((c) => c.length)).toBe(11);
    await expect.poll(() => page.getByText('Cancelled: Owner rescheduled by phone').isVisible()).toBe(true);
    expect(await page.getByRole('article').filter({ hasText: 'No-show' }).count()).toBe(1);
    await scan(page, 'today-after-closing-all');
    await calendarToo(page, 'after-closing');
    await context.close();
  });
});
