import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  ownerWithPet,
  screenshot,
  serverTodayAt,
  settled,
  signedInPage,
  unique,
  withOwnServer,
} from './support';

/**
 * The live clinic (issue 11): reception checks a patient in, and the vet's open Today shows it within about two
 * seconds, without a reload and without waiting for a poll (Today polls only while live updates are down). The
 * "not live" indicator never shows on a normal load.
 */
// A server of its own: the booking made here would change the demo day that later files on a shared server check.
withOwnServer();
let browser: Browser;
const id = unique();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('live updates on Today', () => {
  it("a check-in at reception shows on the vet's Today within ~2 s, pushed rather than polled", async () => {
    const vet = await signedInPage(browser, 'vet');
    const reception = await signedInPage(browser, 'assistant');
    const { api, pet } = await ownerWithPet(reception.context, `Push${id}`, { species: 'Dog' });
    const vets = await api.users.veterinarians.query();
    const ramirez = vets.find((v) => v.fullName === 'Dr. Sofia Ramirez')!;
    const appointment = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: ramirez.id,
      reason: 'Booked at the desk',
      startsAt: serverTodayAt(18, 40),
      endsAt: serverTodayAt(19, 0),
    });

    await vet.page.goto('/today');
    // Desk view: on a normal load the indicator never appears (sampled through the first seconds).
    const indicator = vet.page.getByTestId('live-indicator');
    for (let i = 0; i < 8; i++) {
      expect(await indicator.count()).toBe(0);
      await vet.page.waitForTimeout(250);
    }
    await settled(vet.page);
    await vet.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const vetCard = vet.page.getByRole('article', { name: new RegExp(pet.name) });
    await expect.poll(() => vetCard.count(), { timeout: 10_000 }).toBe(1);
    // Count the vet's list requests from here: with live updates up, Today does not poll.
    let listCalls = 0;
    vet.page.on('request', (request) => {
      if (request.url().includes('appointments.list')) listCalls++;
    });
    await vet.page.waitForTimeout(6_000);
    expect(listCalls).toBe(0);

    const checkedAt = Date.now();
    await api.appointments.setStatus.mutate({ id: appointment.id, status: 'checked_in' });
    await expect
      .poll(() => vetCard.getByText('Checked in', { exact: true }).isVisible(), {
        timeout: 5_000,
        interval: 50,
      })
      .toBe(true);
    const shownAfter = Date.now() - checkedAt;
    expect(shownAfter).toBeLessThan(2_500);
    expect(listCalls).toBeGreaterThan(0); // refetched because of the event
    expect(await vet.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await indicator.count()).toBe(0);
    await screenshot(vet.page, 'live-today-check-in');
    await vet.context.close();
    await reception.context.close();
  });
});
