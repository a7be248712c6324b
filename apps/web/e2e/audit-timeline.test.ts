import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ownerWithPet, screenshot, serverNow, settled, signedInPage, unique, withBrowser } from './support';

/**
 * The audit timeline for a practice manager (issue 9, flow 5): plain words, names instead of ids, a search by a
 * pet's name, the demo data named as such, and the filtered timeline downloaded as CSV. At 1440 and 1024 px.
 */
const browser = withBrowser();
const id = unique();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The visible part of the page (the timeline is long: its top is what a person sees first). */
const viewShot = (page: Page, name: string) => screenshot(page, name, { fullPage: false });

describe('the audit timeline', () => {
  it('reads in names and plain words, searches by a pet’s name and exports what it shows', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    const { api, owner, pet } = await ownerWithPet(context, `Aud${id}`);
    const vets = await api.users.veterinarians.query();
    const okafor = vets.find((v) => v.fullName === 'Dr. James Okafor')!;
    // On the server's calendar (three days on: a Friday, open until 20:00), not the machine's: two days after
    // the real date fell on a weekend on Thursdays and Fridays, when 18:00 is after closing.
    const startsAt = new Date(serverNow().getTime() + 3 * 24 * 3_600_000);
    startsAt.setUTCHours(18, 0, 0, 0);
    await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: okafor.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      reason: `Audit check ${id}`,
    });

    await page.goto('/admin/audit');
    await settled(page);
    const filters = page.getByRole('region', { name: 'Filters' });
    // Plain words: a kind of record, not a table; a name, not a UUID; dates from a date picker.
    expect(await filters.getByLabel('Record', { exact: true }).isVisible()).toBe(true);
    expect(await filters.getByText('Table', { exact: true }).count()).toBe(0);
    expect(await filters.locator('input[type="date"]').count()).toBe(0);
    // The demo clinic's rows say who wrote them: Dr. Ramirez's account was created by the demo data.
    await filters.getByLabel('Name').fill('Sofia Ramirez');
    await filters.getByLabel('Action').selectOption({ label: 'Created' });
    await page.waitForURL(/q=/);
    await settled(page);
    const demo = page.getByRole('article', { name: /^Created by Demo data/ });
    await expect.poll(() => demo.filter({ hasText: 'Staff account Dr. Sofia Ramirez' }).count()).toBe(1);
    expect(await page.getByText(/database user/).count()).toBe(0);
    await filters.getByLabel('Action').selectOption({ label: 'All actions' });

    await filters.getByLabel('Name').fill(pet.name);
    await page.waitForURL((url) => url.searchParams.get('q') === pet.name);
    await settled(page);
    const entries = page.getByTestId('audit-entry');
    await expect.poll(() => entries.count()).toBe(2);
    const appointment = entries.filter({ hasText: 'Appointment' });
    const text = (await appointment.textContent()) ?? '';
    // The appointment is named by its pet and time; its vet and booker by name; no id anywhere.
    expect(text).toContain(`Appointment ${pet.name}, `);
    expect(text).toContain('06:00 PM');
    expect(text).toContain('VeterinarianDr. James Okafor');
    expect(text).toContain('Booked byAlex Morgan');
    expect(text).toContain('StatusScheduled');
    expect(await page.locator('main').textContent()).not.toMatch(UUID);
    await viewShot(page, 'audit-timeline-1440');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('When,Who,Action,Record type,Record,Changes,IP address,Request id');
    expect(lines).toHaveLength(1 + 2);
    expect(csv).toContain(`,Created,Patient,${pet.name},`);
    expect(csv).toContain(`Owner: Sam ${owner.lastName}`);
    expect(csv).toContain('Veterinarian: Dr. James Okafor');
    // Ids only in the last column (the request id, for support).
    for (const line of lines.slice(1)) expect(line.slice(0, line.lastIndexOf(','))).not.toMatch(UUID);

    await page.setViewportSize({ width: 1024, height: 768 });
    await settled(page);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    await viewShot(page, 'audit-timeline-1024');
    await context.close();
  });
});
