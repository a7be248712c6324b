import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type DemoUser,
  newContext,
  openQuickSearch,
  screenshot,
  seriousViolations,
  settled,
  signedInPage,
  withBrowser,
} from './support';

/**
 * Every main screen, as the role that uses it: an axe-core scan finds no serious or critical violation, and a
 * screenshot is kept under e2e/screenshots/.
 */
const browser = withBrowser();

async function check(page: Page, name: string) {
  await settled(page);
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}:\n${violations.join('\n')}`).toEqual([]);
}

async function firstPatientPath(page: Page) {
  await page.goto('/owners');
  await settled(page);
  await page.getByRole('table', { name: 'Owners' }).getByRole('link').first().click();
  await page.waitForURL(/\/owners\/[0-9a-f-]{36}$/);
  await settled(page);
  const ownerPath = new URL(page.url()).pathname;
  await page
    .getByRole('table', { name: /^Pets of/ })
    .getByRole('link')
    .first()
    .click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  return { ownerPath, patientPath: new URL(page.url()).pathname };
}

describe('accessibility of the main screens', () => {
  it('sign-in page', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/login');
    await check(page, 'login');
    await context.close();
  });

  const screens: { user: DemoUser; name: string; go: (page: Page) => Promise<void> }[] = [
    { user: 'assistant', name: 'today', go: (p) => p.goto('/today').then(() => undefined) },
    { user: 'assistant', name: 'calendar-day', go: (p) => p.goto('/calendar').then(() => undefined) },
    { user: 'vet', name: 'calendar-week', go: (p) => p.goto('/calendar?view=week').then(() => undefined) },
    { user: 'assistant', name: 'owners', go: (p) => p.goto('/owners').then(() => undefined) },
    { user: 'assistant', name: 'owner-new', go: (p) => p.goto('/owners/new').then(() => undefined) },
    {
      user: 'assistant',
      name: 'owner-new-refused',
      go: async (p) => {
        await p.goto('/owners/new');
        await p.getByLabel('Phone').fill('call me');
        await p.getByRole('button', { name: 'Register owner' }).click();
        await expect.poll(() => p.getByText('Enter a valid phone number').isVisible()).toBe(true);
      },
    },
    { user: 'admin', name: 'users', go: (p) => p.goto('/admin/users').then(() => undefined) },
    { user: 'admin', name: 'audit', go: (p) => p.goto('/admin/audit').then(() => undefined) },
    { user: 'vet', name: 'account', go: (p) => p.goto('/account').then(() => undefined) },
  ];
  for (const s of screens) {
    it(`${s.name} (${s.user})`, async () => {
      const { context, page } = await signedInPage(browser(), s.user);
      await s.go(page);
      await check(page, s.name);
      await context.close();
    });
  }

  it('owner, patient chart, visit form and booking dialog (vet)', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { ownerPath, patientPath } = await firstPatientPath(page);
    await page.goto(ownerPath);
    await check(page, 'owner-detail');
    await page.goto(patientPath);
    await check(page, 'patient-chart');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'booking-dialog');
    await page.keyboard.press('Escape');
    await page.goto(`${patientPath}/visits/new`);
    await check(page, 'visit-form');
    await page.goto(`${patientPath}/edit`);
    await check(page, 'patient-edit');
    await context.close();
  });

  it('quick search (Ctrl+K) is reachable by keyboard', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await settled(page);
    const search = await openQuickSearch(page);
    await search.fill('wil');
    await expect
      .poll(() => page.getByRole('button', { name: /Williams/ }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'quick-search');
    const violations = await seriousViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/(owners|patients)\/[0-9a-f-]{36}$/);
    await context.close();
  });
});
