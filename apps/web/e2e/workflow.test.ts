import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendarDate } from './clock';
import {
  fieldError,
  holdPatientSearch,
  screenshot,
  serverNow,
  settled,
  signedInPage,
  unique,
  withBrowser,
} from './support';

/**
 * A day's work across roles, in order: the assistant registers an owner and a pet and books it (a double
 * booking is refused with the server's message, on the start time), the vet records a visit with an allergy, the assistant sees
 * summaries only, and the admin finds all of it in the audit timeline.
 */
const browser = withBrowser();
const id = unique();
const owner = {
  first: 'Erin',
  last: `Testowner${id}`,
  phone: '+1 555 010 2030',
  email: `erin.${id}@example.org`,
};
const pet = `Biscuit${id}`;
let patientPath = '';
let ownerPath = '';

/** The day after the server's (and the browser's) today. */
const tomorrow = () => calendarDate(new Date(serverNow().getTime() + 24 * 3_600_000));

async function book(page: Page, reason: string) {
  await page.getByRole('button', { name: 'Book appointment' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Veterinarian').selectOption({ label: 'Dr. Sofia Ramirez' });
  await dialog.getByLabel('Date').fill(tomorrow());
  await dialog.getByLabel('Start time').fill('19:00');
  await dialog.getByLabel('Reason for the visit').fill(reason);
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  return dialog;
}

describe.sequential('a day at the clinic', () => {
  it('an assistant registers a new owner and pet, and books it', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.getByRole('link', { name: 'Owners & patients' }).click();
    await page.getByRole('link', { name: 'New owner' }).click();
    await page.getByLabel('First name').fill(owner.first);
    await page.getByLabel('Last name').fill(owner.last);
    // A bad phone number is refused beside its field, and nothing else is lost.
    await page.getByLabel('Phone').fill('call me');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('button', { name: 'Register owner' }).click();
    await expect.poll(() => page.getByText('Enter a valid phone number').isVisible()).toBe(true);
    expect(await page.getByLabel('Last name').inputValue()).toBe(owner.last);
    await page.getByLabel('Phone').fill(owner.phone);
    await page.getByRole('button', { name: 'Register owner' }).click();
    await page.waitForURL(/\/owners\/[0-9a-f-]{36}$/);
    ownerPath = new URL(page.url()).pathname;
    await expect
      .poll(() => page.getByRole('heading', { name: `${owner.first} ${owner.last}` }).isVisible())
      .toBe(true);
    // Only admins may deactivate.
    expect(await page.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);

    await page.getByRole('link', { name: 'New pet' }).click();
    await page.getByLabel('Name').fill(pet);
    await page.getByRole('combobox', { name: 'Species' }).fill('Dog');
    await page.keyboard.press('Escape');
    await page.getByLabel('Breed').fill('Beagle');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Date of birth').fill('2021-04-12');
    await page.getByLabel('Weight (kg)').fill('11.4');
    await page.getByRole('button', { name: 'Register pet' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    patientPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { name: pet }).isVisible()).toBe(true);
    await settled(page);
    expect(await page.getByTestId('allergy-alert').count()).toBe(0);

    const dialog = await book(page, 'E2E first check-up');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('E2E first check-up').isVisible()).toBe(true);
    await screenshot(page, 'patient-chart-assistant-booked');
    await context.close();
  });

  it('a double booking shows the server’s message on the start time and keeps the form', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto(patientPath);
    await settled(page);
    const dialog = await book(page, 'E2E overlapping visit');
    await expect
      .poll(() => fieldError(dialog.getByLabel('Start time')))
      .toBe('The veterinarian already has an appointment that overlaps this time');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'The appointment was not booked' }).textContent())
      .toContain('See the form for details.');
    expect(await dialog.getByLabel('Reason for the visit').inputValue()).toBe('E2E overlapping visit');
    expect(await dialog.getByLabel('Start time').inputValue()).toBe('19:00');
    await screenshot(page, 'double-booking-refused');
    await context.close();
  });

  it('a vet records a visit with an allergy, and the alert appears on the chart and the visit form', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    await page.goto(patientPath);
    await settled(page);
    await page.getByRole('link', { name: 'New visit record' }).click();
    await page.waitForURL(/visits\/new/);
    await page.getByLabel('Reason for the visit').fill('E2E itchy skin');
    await page.getByLabel('Findings').fill('Mild fever and hives on the flank');
    await page.getByLabel('Diagnosis').fill('Suspected drug reaction');
    await page.getByLabel('Treatment').fill('Antihistamine');
    await page.getByLabel('Prescriptions').fill('Cetirizine 5 mg daily');
    await page.getByLabel('Weight (kg)').fill('11.8');
    await page.getByRole('button', { name: 'Record an allergy' }).click();
    await page.getByLabel('Allergen 1').fill('Penicillin');
    await page.getByLabel('Severity 1').selectOption('life-threatening');
    await page.getByLabel('Reaction 1').fill('Anaphylaxis');
    await page.getByRole('button', { name: 'Save visit record' }).click();
    await page.waitForURL((url) => url.pathname === patientPath);
    await settled(page);

    const alert = page.getByTestId('allergy-alert');
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toContain('Penicillin');
    expect((await alert.textContent())?.toUpperCase()).toContain('LIFE-THREATENING');
    await expect.poll(() => page.getByText('Mild fever and hives on the flank').isVisible()).toBe(true);
    await screenshot(page, 'patient-chart-vet-allergy');

    // Repeated on the visit form.
    await page.getByRole('link', { name: 'New visit record' }).click();
    await page.waitForURL(/visits\/new/);
    await expect.poll(() => page.getByTestId('allergy-alert').textContent()).toContain('Penicillin');
    await screenshot(page, 'visit-form-allergy');
    await context.close();
  });

  it('an assistant sees summaries only, never clinical fields', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto(patientPath);
    await settled(page);
    await expect.poll(() => page.getByText('E2E itchy skin').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('allergy-alert').isVisible()).toBe(true);
    const body = (await page.locator('main').textContent()) ?? '';
    for (const clinical of [
      'Mild fever',
      'Suspected drug reaction',
      'Antihistamine',
      'Cetirizine',
      'Findings:',
      'Diagnosis:',
    ]) {
      expect(body).not.toContain(clinical);
    }
    expect(await page.getByTestId('record-clinical').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New visit record' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Amend|Add addendum/ }).count()).toBe(0);
    // Nor does the data the browser receives carry them.
    const patientId = patientPath.split('/').pop()!;
    const input = encodeURIComponent(JSON.stringify({ json: { patientId } }));
    const res = await page.request.get(`/trpc/medicalRecords.listForPatient?input=${input}`);
    expect(res.ok()).toBe(true);
    const raw = await res.text();
    expect(raw).toContain('E2E itchy skin');
    for (const key of ['findings', 'diagnosis', 'treatment', 'prescriptions', 'Mild fever'])
      expect(raw).not.toContain(key);
    await screenshot(page, 'patient-chart-assistant-summary');
    await context.close();
  });

  it('an admin finds both changes in the audit timeline, with the right people and diffs', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');

    // The owner's history, from the owner's page.
    await page.goto(ownerPath);
    await settled(page);
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(/\/admin\/audit\?/);
    await settled(page);
    const ownerEntry = page.getByRole('article', { name: /^Created by Liam Chen/ });
    await expect.poll(() => ownerEntry.count()).toBe(1);
    const ownerText = (await ownerEntry.textContent()) ?? '';
    expect(ownerText).toContain(owner.last);
    expect(ownerText).toContain(owner.phone);
    await screenshot(page, 'audit-owner-history');

    // The patient's history: created by the assistant, allergies changed by the vet (before → after).
    await page.goto(patientPath);
    await settled(page);
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(/\/admin\/audit\?/);
    await settled(page);
    await expect.poll(() => page.getByRole('article', { name: /^Created by Liam Chen/ }).count()).toBe(1);
    const change = page.getByRole('article', { name: /^Changed by Dr\. Sofia Ramirez/ });
    await expect.poll(() => change.count()).toBe(1);
    const row = change.getByRole('row', { name: /Allergies/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('Allergies');
    expect(cells[1]).toBe('none');
    expect(cells[2]).toBe('Penicillin (life-threatening): Anaphylaxis');
    // The visit's weight became the current weight; nothing else of the patient changed.
    expect(
      await change
        .getByRole('row', { name: /Weight \(kg\)/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['Weight (kg)', '11.4', '11.8']);
    expect(await change.getByRole('row').count()).toBe(3);
    await screenshot(page, 'audit-patient-history');

    // The vet's visit record and the assistant's booking, by filters.
    await page.goto('/admin/audit');
    await settled(page);
    await page.getByLabel('Record', { exact: true }).selectOption({ label: 'Medical record' });
    await page.getByLabel('Who', { exact: true }).selectOption({ label: 'Dr. Sofia Ramirez' });
    await settled(page);
    const record = page
      .getByRole('article', { name: /^Created by Dr\. Sofia Ramirez/ })
      .filter({ hasText: 'E2E itchy skin' });
    await expect.poll(() => record.count()).toBe(1);
    expect(await record.textContent()).toContain('Mild fever and hives on the flank');

    await page.getByLabel('Record', { exact: true }).selectOption({ label: 'Appointment' });
    await page.getByLabel('Who', { exact: true }).selectOption({ label: 'Liam Chen' });
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Created' });
    await settled(page);
    await expect
      .poll(() =>
        page
          .getByRole('article', { name: /^Created by Liam Chen/ })
          .filter({ hasText: 'E2E first check-up' })
          .count(),
      )
      .toBe(1);
    await screenshot(page, 'audit-timeline-filtered');
    await context.close();
  });

  it('the audit timeline loads older entries as the admin scrolls (keyset pages)', async () => {
    const { page, context } = await signedInPage(browser(), 'admin');
    await page.goto('/admin/audit');
    await settled(page);
    const entries = page.getByTestId('audit-entry');
    await expect.poll(() => entries.count()).toBeGreaterThan(0);
    const firstPage = await entries.count();
    const firstId = await entries.first().getAttribute('aria-label');
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, 20_000);
      await settled(page);
    }
    await expect.poll(() => entries.count()).toBeGreaterThan(firstPage);
    // Older pages are appended below: the newest entry stays first.
    expect(await entries.first().getAttribute('aria-label')).toBe(firstId);
    await context.close();
  });

  it('a stale edit shows what the other person changed, and keeps the form', async () => {
    const assistant = await signedInPage(browser(), 'assistant');
    const vet = await signedInPage(browser(), 'vet');
    for (const p of [assistant.page, vet.page]) {
      await p.goto(`${ownerPath}/edit`);
      await settled(p);
    }
    await assistant.page.getByLabel('Phone').fill('+1 555 777 8888');
    await assistant.page.getByRole('button', { name: 'Save changes' }).click();
    await assistant.page.waitForURL((url) => url.pathname === ownerPath);

    await vet.page.getByLabel('Address').fill('12 Elm Street, Springfield');
    await vet.page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = vet.page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.textContent()).toContain('Liam Chen');
    const phoneRow = conflict.getByRole('row', { name: /Phone/ });
    expect(await phoneRow.getByRole('cell').allTextContents()).toEqual([
      'Phone',
      owner.phone,
      '+1 555 777 8888',
      owner.phone,
    ]);
    expect(await vet.page.getByLabel('Address').inputValue()).toBe('12 Elm Street, Springfield');
    await screenshot(vet.page, 'stale-edit-conflict');

    // Taking their change keeps the vet's own edit; saving again then succeeds with both.
    await conflict.getByRole('button', { name: 'Take their changes, keep my other edits' }).click();
    expect(await vet.page.getByLabel('Phone').inputValue()).toBe('+1 555 777 8888');
    expect(await vet.page.getByLabel('Address').inputValue()).toBe('12 Elm Street, Springfield');
    await vet.page.getByRole('button', { name: 'Save changes' }).click();
    await vet.page.waitForURL((url) => url.pathname === ownerPath);
    await expect.poll(() => vet.page.getByText('12 Elm Street, Springfield').isVisible()).toBe(true);
    await screenshot(vet.page, 'stale-edit-resolved');
    await expect.poll(() => vet.page.getByText('+1 555 777 8888').isVisible()).toBe(true);
    await assistant.context.close();
    await vet.context.close();
  });

  it('the patient search offers only answers to what was typed', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto(`/calendar?date=${tomorrow()}&view=day`);
    await settled(page);
    // The search for the pet is held until the test lets it through.
    const held = await holdPatientSearch(page, pet);
    await page.getByRole('button', { name: /^Book Dr\. James Okafor on .* at 06:00 PM$/ }).click();
    const dialog = page.getByRole('dialog');
    const options = page.getByRole('listbox', { name: 'Patient' }).getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    await dialog.getByRole('combobox', { name: 'Patient' }).fill(pet);
    await held.asked;
    // The list from before the search stays in view, but nothing in it can be chosen: it answers another search.
    const disabled = await options.evaluateAll((all) => all.map((o) => o.getAttribute('aria-disabled')));
    expect(disabled.length).toBeGreaterThan(1);
    expect(disabled.every((value) => value === 'true')).toBe(true);
    await screenshot(page, 'patient-search-pending', { fullPage: false });
    held.release();
    const match = options.filter({ hasText: pet });
    await expect.poll(() => match.getAttribute('aria-disabled')).toBe(null);
    expect(await options.count()).toBe(1);
    await match.click();
    expect(await dialog.getByRole('combobox', { name: 'Patient' }).inputValue()).toContain(`${pet} (Dog)`);
    await context.close();
  });

  it('books from an empty calendar slot and reschedules', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto(`/calendar?date=${tomorrow()}&view=day`);
    await settled(page);
    await page.getByRole('button', { name: /^Book Dr\. James Okafor on .* at 06:00 PM$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Patient' }).fill(pet);
    await page
      .getByRole('listbox', { name: 'Patient' })
      .getByRole('option', { name: new RegExp(pet) })
      .click();
    await dialog.getByLabel('Reason for the visit').fill('E2E calendar booking');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await dialog.waitFor({ state: 'detached' });
    const booked = page.getByRole('button', { name: new RegExp(`06:00 PM ${pet}`) });
    await expect.poll(() => booked.isVisible()).toBe(true);

    await booked.click();
    const details = page.getByRole('dialog');
    await details.getByRole('button', { name: 'Reschedule…' }).click();
    await details.getByLabel('New start time').fill('18:30');
    await details.getByRole('button', { name: 'Save new time' }).click();
    await details.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('button', { name: new RegExp(`06:30 PM ${pet}`) }).isVisible())
      .toBe(true);
    await screenshot(page, 'calendar-rescheduled');
    await context.close();
  });
});
