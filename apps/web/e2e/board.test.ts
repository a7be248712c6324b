import { describe, expect, it } from 'vitest';
import {
  apiAs,
  newContext,
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
 * The waiting-room board (issue 11 item 4): a display account lands on a full-screen board and can open nothing
 * else; reception's check-in shows on it within seconds, without a reload; it shows pet names and species, never
 * an owner; and an admin creates display accounts from Staff accounts.
 */
// A server of its own: the bookings and the display account made here would change what later files on a
// shared server see (calendar-now checks every block of the demo day).
withOwnServer();
const browser = withBrowser();
const id = unique();

describe('the waiting-room board', () => {
  it("a display account sees only the board, and reception's check-in appears on it without a reload", async () => {
    const tv = await signedInPage(browser(), 'lobby');
    expect(new URL(tv.page.url()).pathname).toBe('/board');
    // Every other screen sends it back to the board.
    for (const path of ['/today', '/owners', '/calendar', '/admin/users', '/account']) {
      await tv.page.goto(path);
      await tv.page.waitForURL((url) => url.pathname === '/board');
    }
    await settled(tv.page);
    expect(await tv.page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
    await tv.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const reception = await signedInPage(browser(), 'assistant');
    const { api, owner, pet } = await ownerWithPet(reception.context, `Tv${id}`, { species: 'Rabbit' });
    const vets = await api.users.veterinarians.query();
    const appointment = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: vets.find((v) => v.fullName === 'Dr. James Okafor')!.id,
      reason: 'Dental check SECRETREASON',
      startsAt: serverTodayAt(18, 20),
      endsAt: serverTodayAt(18, 40),
    });
    const waiting = tv.page.getByRole('region', { name: /^Waiting/ });
    expect(await waiting.getByRole('listitem', { name: pet.name }).count()).toBe(0);

    const checkedAt = Date.now();
    await api.appointments.setStatus.mutate({ id: appointment.id, status: 'checked_in' });
    await expect
      .poll(() => waiting.getByRole('listitem', { name: pet.name }).isVisible(), {
        timeout: 5_000,
        interval: 50,
      })
      .toBe(true);
    expect(Date.now() - checkedAt).toBeLessThan(3_000);
    const card = waiting.getByRole('listitem', { name: pet.name });
    expect(await card.textContent()).toMatch(/Rabbit/);
    expect(await card.textContent()).toMatch(/just arrived|waiting \d+ min/);

    // Called in: it moves to "With the vet".
    await api.appointments.setStatus.mutate({ id: appointment.id, status: 'in_progress' });
    const consult = tv.page.getByRole('region', { name: /^With the vet/ });
    await expect.poll(() => consult.getByRole('listitem', { name: pet.name }).isVisible()).toBe(true);
    expect(await waiting.getByRole('listitem', { name: pet.name }).count()).toBe(0);

    const text = (await tv.page.textContent('body')) ?? '';
    expect(text).not.toContain(owner.lastName);
    expect(text).not.toContain('SECRETREASON');
    expect(await tv.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await tv.page.getByTestId('live-indicator').count()).toBe(0);
    expect(await seriousViolations(tv.page)).toEqual([]);
    await screenshot(tv.page, 'board', { fullPage: false });
    await tv.context.close();
    await reception.context.close();
  });

  it('an admin creates a display account, which signs in to the board', async () => {
    const admin = await signedInPage(browser(), 'admin');
    await admin.page.goto('/admin/users');
    await settled(admin.page);
    await admin.page.getByRole('button', { name: 'New account' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'New staff account' });
    await dialog.getByLabel('Full name').fill('Front desk TV');
    await dialog.getByLabel('Username').fill(`tv.${id}`);
    await dialog.getByLabel('Email').fill(`tv.${id}@clinic.example`);
    await dialog.getByLabel('Role').selectOption({ label: 'Waiting-room display' });
    expect(await dialog.getByText('it shows only the board').count()).toBe(1);
    await dialog.getByLabel('Initial password').fill('lantern-orbit-meadow-4417');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const created = (await (await apiAs(admin.context)).users.list.query()).find(
      (u) => u.username === `tv.${id}`,
    );
    expect(created?.role).toBe('display');

    const tv = { context: await newContext(browser()) };
    const page = await tv.context.newPage();
    await page.goto('/board');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Username').fill(`tv.${id}`);
    await page.getByLabel('Password').fill('lantern-orbit-meadow-4417');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/board');
    await expect.poll(() => page.getByRole('heading', { name: 'Waiting room' }).isVisible()).toBe(true);
    await admin.context.close();
    await tv.context.close();
  });
});
