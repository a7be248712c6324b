import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  fieldError,
  ownerWithPet,
  screenshot,
  seriousViolations,
  serverTodayAt,
  settled,
  signedInPage,
  unique,
  withBrowser,
  withOwnServer,
} from './support';

/**
 * Triage (issue 11 item 5): Today flags a checked-in patient who has waited longer than their priority allows, in
 * words on the card, and follows an admin's change of the thresholds at once, without a reload. Its own server:
 * the thresholds it changes would change what other files' Today shows.
 *
 * The demo day at the suite's start (10:10): Dr. Ramirez's urgent patient of 10:00 checked in at 09:50, so it has
 * waited 20 minutes, past the urgent threshold of 15.
 */
withOwnServer();
const browser = withBrowser();
const id = unique();

/** A summary figure at the top of Today ("Waiting"), as its text. */
async function stat(page: Page, label: string) {
  const text = await page.getByText(label, { exact: true }).locator('..').textContent();
  return text?.slice(label.length).trim();
}

describe('triage on Today', () => {
  it('flags the urgent patient waiting past 15 minutes, and an emergency at once, in words, and counts them', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto('/today');
    await settled(page);
    const waiting = page.getByRole('article').filter({ hasText: 'Checked in' });
    await expect.poll(() => waiting.count()).toBe(1);
    const text = await waiting.textContent();
    expect(text).toContain('Urgent');
    expect(text).toMatch(/Waiting 2\d min — over 15 min/);
    expect(await stat(page, 'Waiting')).toBe('1(1 waiting too long)');

    // Reception checks in the emergency of 12:00 (Daisy): flagged the moment it waits.
    await page.getByRole('button', { name: /^Check in: Daisy/ }).click();
    const daisy = page.getByRole('article', { name: /^Daisy/ });
    await expect.poll(() => daisy.textContent()).toMatch(/Waiting 0 min — see at once/);
    expect(await daisy.textContent()).toContain('Emergency');
    expect(await stat(page, 'Waiting')).toBe('2(2 waiting too long)');
    await screenshot(page, 'today-triage-emergency');
    await context.close();
  });

  it('an admin lowering the routine threshold makes an open Today flag a routine patient, without a reload', async () => {
    const vet = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(vet.context, `Triage${id}`, { species: 'Dog' });
    const ramirez = (await api.users.veterinarians.query()).find((v) => v.fullName === 'Dr. Sofia Ramirez')!;
    const appointment = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: ramirez.id,
      reason: 'Limping after a walk',
      startsAt: serverTodayAt(18, 0),
      endsAt: serverTodayAt(18, 20),
    });
    await api.appointments.setStatus.mutate({ id: appointment.id, status: 'checked_in' });

    await vet.page.goto('/today');
    await settled(vet.page);
    const card = vet.page.getByRole('article', { name: new RegExp(pet.name) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    // Twenty minutes later on this screen's clock: routine waits up to 30, so not flagged yet.
    await vet.page.clock.fastForward('20:00');
    await expect.poll(() => card.textContent()).toMatch(/Waiting 2\d min/);
    expect(await card.textContent()).not.toMatch(/over \d+ min/);
    expect(await stat(vet.page, 'Waiting')).toBe('3(2 waiting too long)');
    await vet.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // Another person, an admin on the settings page: an order that flags routine before urgent is refused on
    // the routine field and saves nothing; 15 minutes is saved.
    const admin = await signedInPage(browser(), 'admin');
    await admin.page.goto('/admin/settings');
    await settled(admin.page);
    expect(await seriousViolations(admin.page)).toEqual([]);
    const routine = admin.page.getByRole('textbox', { name: 'Routine (min)' });
    expect(await routine.inputValue()).toBe('30');
    await routine.fill('10');
    await admin.page.getByRole('button', { name: 'Save triage' }).click();
    await expect.poll(() => fieldError(routine)).toBe('At least the urgent threshold (15 min)');
    expect(await card.textContent()).not.toMatch(/over \d+ min/);
    await routine.fill('15');
    await admin.page.getByRole('button', { name: 'Save triage' }).click();
    await expect.poll(() => admin.page.getByText('Triage thresholds saved').isVisible()).toBe(true);
    await admin.page.getByRole('heading', { name: 'Triage' }).scrollIntoViewIfNeeded();
    await screenshot(admin.page, 'settings-triage', { fullPage: false });

    await expect
      .poll(() => card.textContent(), { timeout: 3_000, interval: 100 })
      .toMatch(/Waiting 2\d min — over 15 min/);
    expect(await vet.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await stat(vet.page, 'Waiting')).toBe('3(3 waiting too long)');
    await vet.page.setViewportSize({ width: 1024, height: 900 });
    await settled(vet.page);
    await screenshot(vet.page, 'today-triage-1024');
    expect(await seriousViolations(vet.page)).toEqual([]);
    await admin.context.close();
    await vet.context.close();
  });

  it("unsaved triage edits survive a save of the opening hours and another admin's change arriving live", async () => {
    const admin = await signedInPage(browser(), 'admin');
    await admin.page.goto('/admin/settings');
    await settled(admin.page);
    const urgent = admin.page.getByRole('textbox', { name: 'Urgent (min)' });
    const before = await urgent.inputValue();
    await urgent.fill('12');
    // This admin saves the other section of the same settings: the triage input stays as typed.
    const monday = admin.page.getByLabel('Monday closes');
    const closes = await monday.inputValue();
    await monday.fill(closes === '18:30' ? '18:45' : '18:30');
    await admin.page.getByRole('button', { name: 'Save opening hours' }).click();
    await expect.poll(() => admin.page.getByText('Opening hours saved').isVisible()).toBe(true);
    await admin.page.waitForTimeout(1_000);
    expect(await urgent.inputValue()).toBe('12');
    // Another admin changes the settings (a live update reaches this page): still as typed.
    const other = await signedInPage(browser(), 'admin');
    const api = await apiAs(other.context);
    const current = await api.schedule.settings.query();
    await api.schedule.updateSettings.mutate({ updatedAt: current.updatedAt, timeZone: 'UTC' });
    await admin.page.waitForTimeout(2_000);
    expect(await urgent.inputValue()).toBe('12');
    // Saving it: the stale-edit comparison, where keeping one's input saves it.
    await admin.page.getByRole('button', { name: 'Save triage' }).click();
    const conflict = admin.page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await expect.poll(() => conflict.isVisible()).toBe(true);
    await screenshot(admin.page, 'settings-triage-stale', { fullPage: false });
    expect(before).not.toBe('12');
    await admin.context.close();
    await other.context.close();
  });
});
