import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendarDate } from './clock';
import {
  apiAs,
  ownerWithPet,
  screenshot,
  serverNow,
  settled,
  signedInPage,
  unique,
  withBrowser,
  withOwnServer,
} from './support';

/**
 * Flow 2 and the schedule part of flow 7 (issue 9): Book from Today, the owner page and the patient page; a type
 * sets the length and the reason; free times are chips; a clash names the other appointment and offers the next
 * free time; a time outside opening hours is booked only on purpose; an admin edits types and hours.
 */
// Its own server: the admin here changes the clinic's opening hours and an appointment type, which every file
// after it on a shared server would book against.
withOwnServer();
const browser = withBrowser();
const id = unique();
const VET = 'Dr. Sofia Ramirez';
const DAY = 24 * 3_600_000;
/** The day after the server's today (a Wednesday: the demo clinic is open 08:00–20:00). */
const tomorrow = () => calendarDate(new Date(serverNow().getTime() + DAY));
/** The Sunday after the pinned Tuesday, which the admin closes below. */
const sunday = () => calendarDate(new Date(serverNow().getTime() + 5 * DAY));

async function fillBooking(page: Page, values: { date: string; type?: string; time?: string }) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Veterinarian').selectOption({ label: VET });
  if (values.type) await dialog.getByLabel('Appointment type').selectOption({ label: values.type });
  await dialog.getByLabel('Date').fill(values.date);
  if (values.time) await dialog.getByLabel('Start time').fill(values.time);
  return dialog;
}

describe.sequential('booking', () => {
  it('an admin edits an appointment type and the opening hours', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('link', { name: 'Clinic settings' }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Edit Vaccination' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Default duration (minutes)').fill('25');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('row', { name: /Vaccination/ }).textContent()).toContain('25 min');

    // A closing time before the opening is refused on its field; then Sunday is closed.
    await page.getByLabel('Saturday closes').fill('08:00');
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await expect.poll(() => page.getByText('Must be after the opening time').isVisible()).toBe(true);
    await page.getByLabel('Saturday closes').fill('17:00');
    await page.getByLabel('Sunday closed').check();
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    const api = await apiAs(context);
    await expect.poll(async () => (await api.schedule.settings.query()).openingHours[6]).toBeNull();
    expect((await api.schedule.settings.query()).openingHours[5]).toEqual({ open: '09:00', close: '17:00' });
    await screenshot(page, 'settings-1440');
    await context.close();
  });

  it('books from Today with a type and a free slot', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.setViewportSize({ width: 1440, height: 900 });
    const { api, pet } = await ownerWithPet(context, `Slot${id}`);
    await page.goto('/today');
    await settled(page);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Patient' }).fill(pet.name);
    await page
      .getByRole('listbox', { name: 'Patient' })
      .getByRole('option', { name: new RegExp(pet.name) })
      .click();
    await fillBooking(page, { date: tomorrow(), type: 'Vaccination' });
    // The type sets the length (the admin's 25 minutes) and the empty reason.
    expect(await dialog.getByLabel('Duration').inputValue()).toBe('25');
    expect(await dialog.getByLabel('Reason for the visit').inputValue()).toBe('Vaccination');
    const slots = dialog.getByRole('group', { name: 'Free times' }).getByRole('button');
    await expect.poll(() => slots.count()).toBeGreaterThan(3);
    const chip = slots.nth(2);
    const chipTime = (await chip.textContent())!;
    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'booking-dialog-slots-1440');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await dialog.waitFor({ state: 'detached' });

    const [booked] = (await api.patients.get.query({ id: pet.id })).upcomingAppointments;
    expect(booked).toBeDefined();
    expect(booked!.endsAt.getTime() - booked!.startsAt.getTime()).toBe(25 * 60_000);
    expect(
      booked!.startsAt.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }),
    ).toBe(chipTime);
    const full = await api.appointments.get.query({ id: booked!.id });
    const types = await api.appointmentTypes.list.query({});
    expect(full.appointmentTypeId).toBe(types.find((t) => t.name === 'Vaccination')!.id);
    await context.close();
  });

  it('books from the owner page; a clash names the appointment and its next free time is used', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.setViewportSize({ width: 1024, height: 800 });
    const { api, owner, pet } = await ownerWithPet(context, `Clash${id}`);
    const vet = (await api.users.veterinarians.query()).find((v) => v.fullName === VET)!;
    // One of the vet's live appointments tomorrow: the clash to provoke.
    const day = new Date(`${tomorrow()}T00:00:00Z`);
    const theirs = (
      await api.appointments.list.query({
        from: day,
        to: new Date(day.getTime() + DAY),
        veterinarianId: vet.id,
      })
    )[0]!;
    const hhmm = theirs.startsAt.toISOString().slice(11, 16);

    await page.goto(`/owners/${owner.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Patient').selectOption({ label: `${pet.name} (Cat)` });
    await fillBooking(page, { date: tomorrow(), time: hhmm });
    await dialog.getByLabel('Reason for the visit').fill('E2E clash');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'Clashes with' });
    await expect.poll(() => alert.isVisible()).toBe(true);
    const text = (await alert.textContent())!;
    expect(text).toContain(`Clashes with ${theirs.patient.name}’s appointment`);
    expect(text).toContain(`with ${VET}`);
    expect(text).toContain('Next free:');
    await screenshot(page, 'booking-clash-1024');
    const use = alert.getByRole('button', { name: /^Use / });
    await use.click();
    expect(await dialog.getByLabel('Start time').inputValue()).not.toBe(hhmm);
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await dialog.waitFor({ state: 'detached' });
    const [booked] = (await api.patients.get.query({ id: pet.id })).upcomingAppointments;
    expect(booked!.startsAt.getTime()).toBeGreaterThanOrEqual(theirs.endsAt.getTime() - 30 * 60_000);
    expect(booked!.veterinarianId).toBe(vet.id);
    await context.close();
  });

  it('books from the patient page outside opening hours only when told to', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.setViewportSize({ width: 1440, height: 900 });
    const { api, pet } = await ownerWithPet(context, `Hours${id}`);
    await page.goto(`/patients/${pet.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Book appointment' }).first().click();
    const dialog = await fillBooking(page, { date: sunday(), time: '10:00' });
    await expect.poll(() => dialog.getByText('The clinic is closed on this day.').isVisible()).toBe(true);
    await dialog.getByLabel('Reason for the visit').fill('E2E Sunday emergency follow-up');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'outside the clinic’s opening hours' });
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect((await api.patients.get.query({ id: pet.id })).upcomingAppointments).toHaveLength(0);
    await screenshot(page, 'booking-outside-hours-1440');
    await alert.getByRole('button', { name: 'Book anyway (outside opening hours)' }).click();
    await dialog.waitFor({ state: 'detached' });
    const [booked] = (await api.patients.get.query({ id: pet.id })).upcomingAppointments;
    expect(booked!.startsAt).toEqual(new Date(`${sunday()}T10:00:00Z`));
    await context.close();
  });
});
