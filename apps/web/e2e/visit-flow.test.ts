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
 * The visit (issue 9, flow 3): "Start visit" on an arrived appointment opens the visit form with the reason,
 * patient and appointment filled in and the vitals first; saving the record completes the appointment in one
 * step; a recorded appointment offers "Open record", never the visit again; an addendum is a short note form.
 */
/** Long enough for a debounced search or a save to come back on a busy machine. */
const WAIT = { timeout: 10_000 };
const browser = withBrowser();
const id = unique();

describe('the visit from Today', () => {
  it('starts from the checked-in card, prefilled with vitals first; saving completes the appointment', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Visit${id}`, { species: 'Dog', weightKg: 12 });
    const me = await api.auth.me.query();
    const reason = `Limping after a fall ${id}`;
    const booked = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: me.user!.id,
      reason,
      startsAt: serverTodayAt(17, 10),
      endsAt: serverTodayAt(17, 40),
    });
    await api.appointments.setStatus.mutate({ id: booked.id, status: 'checked_in' });

    await page.goto('/today');
    await settled(page);
    const card = page.getByRole('article', { name: new RegExp(pet.name) });
    // The vet's one step: no separate "Start" status move beside it.
    expect(await card.getByRole('button', { name: `Start: ${pet.name}` }).count()).toBe(0);
    await card.getByRole('link', { name: `Start visit: ${pet.name}` }).click();
    await page.waitForURL(new RegExp(`/patients/${pet.id}/visits/new\\?appointmentId=${booked.id}`));
    await settled(page);
    const reasonField = page.getByLabel('Reason for the visit');
    await expect.poll(() => reasonField.inputValue(), WAIT).toBe(reason);
    await expect.poll(() => page.getByText(/saving the record completes it/).isVisible(), WAIT).toBe(true);
    // Vitals first: the first field of the form is the weight.
    const firstField = page.locator('form').locator('input, textarea').first();
    expect(await firstField.getAttribute('id')).toBe(await page.getByLabel('Weight (kg)').getAttribute('id'));
    await screenshot(page, 'visit-flow-form-prefilled');

    await page.getByLabel('Weight (kg)').fill('12.4');
    await page.getByLabel('Temperature (°C)').fill('38.6');
    await page.getByLabel('Findings').fill('Mild swelling of the left carpus');
    await page.getByRole('button', { name: 'Save visit record' }).click();
    await page.waitForURL(new RegExp(`/patients/${pet.id}$`));

    const after = await api.appointments.get.query({ id: booked.id });
    expect(after.status).toBe('completed');
    expect(after.recordId).not.toBeNull();

    await page.goto('/today');
    await settled(page);
    await expect.poll(() => card.getByText('Completed').isVisible(), WAIT).toBe(true);
    expect(await card.getByRole('link', { name: /Start visit/ }).count()).toBe(0);
    expect(await card.getByText('Record visit').count()).toBe(0);
    await screenshot(page, 'visit-flow-today-recorded');
    await card.getByRole('link', { name: `Open record: ${pet.name}` }).click();
    await page.waitForURL(new RegExp(`/patients/${pet.id}#record-${after.recordId}$`));
    await expect.poll(() => page.locator(`[id="record-${after.recordId}"]`).isVisible(), WAIT).toBe(true);

    // The form opened again for the same appointment says it is recorded; the server refuses a second record.
    await page.goto(`/patients/${pet.id}/visits/new?appointmentId=${booked.id}`);
    await expect
      .poll(
        () =>
          page
            .getByText(/already recorded/)
            .first()
            .isVisible(),
        WAIT,
      )
      .toBe(true);
    await context.close();
  });

  it('an addendum is a short note form: a reason and the note, nothing else', async () => {
    const author = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(author.context, `Addendum${id}`, { species: 'Dog' });
    await api.medicalRecords.create.mutate({ patientId: pet.id, reason: 'Vaccination', weightKg: 20.5 });
    await author.context.close();

    const { context, page } = await signedInPage(browser(), 'vet2');
    await page.goto(`/patients/${pet.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Add addendum' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an addendum' });
    await expect.poll(() => dialog.getByLabel('Note').isVisible(), WAIT).toBe(true);
    const labels = await dialog.locator('label').allTextContents();
    expect(labels.map((l) => l.replace(/\s*\*$/, '').trim())).toEqual(['Reason for the addendum', 'Note']);
    expect(await dialog.getByLabel('Weight (kg)').count()).toBe(0);
    expect(await dialog.getByLabel('Findings').count()).toBe(0);
    expect(await dialog.getByLabel('Reason for the addendum').inputValue()).toBe('Addendum: Vaccination');
    await screenshot(page, 'visit-flow-addendum-form');
    await dialog.getByRole('button', { name: 'Save addendum' }).click();
    await expect.poll(() => dialog.getByText('Write the note to add').isVisible(), WAIT).toBe(true);
    await dialog.getByLabel('Note').fill('Batch number of the vaccine: AB-1234');
    await dialog.getByRole('button', { name: 'Save addendum' }).click();
    await expect
      .poll(() => page.getByText('Batch number of the vaccine: AB-1234').isVisible(), WAIT)
      .toBe(true);
    await expect.poll(() => page.getByText(/Addendum by Dr\. James Okafor/).isVisible(), WAIT).toBe(true);
    await context.close();
  });
});
