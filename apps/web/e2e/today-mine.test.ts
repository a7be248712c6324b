import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ownerWithPet,
  screenshot,
  serverTodayAt,
  settled,
  signedInPage,
  unique,
  withBrowser,
} from './support';

/**
 * "Today is my day" (issue 9, flow 4): a vet sees their own column first and can fold the others away (kept
 * for them in this browser); what reception changes shows on every open Today within seconds, without reload.
 */
const browser = withBrowser();
const id = unique();

const columnTitles = (page: Page) => page.locator('section h2').allTextContents();

describe('Today for a veterinarian', () => {
  it("puts the vet's own column first; the others fold away and stay folded after a reload", async () => {
    const { context, page } = await signedInPage(browser(), 'vet2');
    await page.goto('/today');
    await settled(page);
    expect(await columnTitles(page)).toEqual(['Dr. James Okafor (you)', 'Dr. Sofia Ramirez']);
    expect(await page.getByRole('button', { name: "Collapse Dr. James Okafor's column" }).count()).toBe(0);

    await page.getByRole('button', { name: "Collapse Dr. Sofia Ramirez's column" }).click();
    expect(await columnTitles(page)).toEqual(['Dr. James Okafor (you)']);
    const expand = page.getByRole('button', { name: /^Expand Dr\. Sofia Ramirez · \d+ booked$/ });
    expect(await expand.textContent()).toMatch(/^Dr\. Sofia Ramirez · \d+ booked$/);
    await screenshot(page, 'today-mine-collapsed');
    await page.reload();
    await settled(page);
    expect(await columnTitles(page)).toEqual(['Dr. James Okafor (you)']);
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'today-mine-collapsed-1024');
    await expand.click();
    expect(await columnTitles(page)).toEqual(['Dr. James Okafor (you)', 'Dr. Sofia Ramirez']);
    await context.close();

    // Another vet, in another browser, has their own order.
    const other = await signedInPage(browser(), 'vet');
    await other.page.goto('/today');
    await settled(other.page);
    expect(await columnTitles(other.page)).toEqual(['Dr. Sofia Ramirez (you)', 'Dr. James Okafor']);
    await other.context.close();
  });

  it("a check-in at reception shows on the vet's open Today within seconds, without a reload", async () => {
    const vet = await signedInPage(browser(), 'vet2');
    const reception = await signedInPage(browser(), 'assistant');
    const { api, pet } = await ownerWithPet(reception.context, `Live${id}`, { species: 'Dog' });
    const vets = await api.users.veterinarians.query();
    const okafor = vets.find((v) => v.fullName === 'Dr. James Okafor')!;

    await vet.page.goto('/today');
    await settled(vet.page);
    // Marks this document: a reload would lose it.
    await vet.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const vetCard = vet.page.getByRole('article', { name: new RegExp(pet.name) });
    expect(await vetCard.count()).toBe(0);

    // Booked by reception: it appears on the vet's screen.
    await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: okafor.id,
      reason: 'Booked at the desk',
      startsAt: serverTodayAt(17, 50),
      endsAt: serverTodayAt(18, 20),
    });
    await expect.poll(() => vetCard.count(), { timeout: 12_000 }).toBe(1);

    // Checked in at the desk, in reception's own browser.
    await reception.page.goto('/today');
    await settled(reception.page);
    const desk = reception.page.getByRole('article', { name: new RegExp(pet.name) });
    await desk.getByRole('button', { name: `Check in: ${pet.name}` }).click();
    await expect
      .poll(() => desk.getByText('Checked in', { exact: true }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    const checkedAt = Date.now();
    await expect
      .poll(() => vetCard.getByText('Checked in', { exact: true }).isVisible(), { timeout: 12_000 })
      .toBe(true);
    expect(Date.now() - checkedAt).toBeLessThan(12_000);
    await expect
      .poll(() => vetCard.getByRole('link', { name: `Start visit: ${pet.name}` }).isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await vet.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await screenshot(vet.page, 'today-mine-live-check-in');
    await vet.context.close();
    await reception.context.close();
  });
});
