import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendarDate } from './clock';
import {
  apiAs,
  fieldError,
  ownerWithPet,
  screenshot,
  serverNow,
  settled,
  signedInPage,
  unique,
  withBrowser,
} from './support';

/**
 * The one save path, seen by the user: a refusal about a field shows under that field, and a save over someone
 * else's change (made here through the API, as from another device) shows both versions with the two ways out,
 * for each kind of versioned record: a staff account, an appointment, a medical record.
 */
const browser = withBrowser();
const id = unique();

/** The stale-edit comparison in `scope`, and its row for a field, as cell texts. */
const conflictIn = (scope: Page | Locator) =>
  scope.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
const rowOf = (conflict: Locator, label: string) =>
  conflict
    .getByRole('row', { name: new RegExp(`^${label}`) })
    .getByRole('cell')
    .allTextContents();

/**
 * The safe way out is the highlighted (filled) button, overwriting a subtle one; overwriting asks first, and
 * going back leaves the comparison as it was. Then it confirms, and the confirmation closes.
 */
async function saveMineOverTheirs(page: Page, conflict: Locator, shot?: string) {
  const safe = conflict.getByRole('button', { name: 'Take their changes, keep my other edits' });
  const overwrite = conflict.getByRole('button', { name: 'Save my version over theirs…' });
  expect(await safe.getAttribute('data-variant')).toBe('filled');
  expect(await overwrite.getAttribute('data-variant')).toBe('subtle');
  const confirm = page.getByRole('dialog', { name: 'Save your version over theirs?' });
  await overwrite.click();
  await confirm.waitFor();
  if (shot) {
    // Once its opening transition has ended.
    await expect.poll(() => confirm.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await screenshot(page, shot);
  }
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await conflict.isVisible()).toBe(true);
  await overwrite.click();
  await confirm.getByRole('button', { name: 'Save my version' }).click();
  await confirm.waitFor({ state: 'detached' });
}

describe('a refusal about a field', () => {
  it('shows under that field, the toast points to the form, and the input stays', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const { owner } = await ownerWithPet(context, `Dup${id}`);
    await page.goto('/owners/new');
    await page.getByLabel('First name').fill('Other');
    await page.getByLabel('Last name').fill(`Owner${id}`);
    await page.getByLabel('Phone').fill('+1 555 010 8080');
    await page.getByLabel('Email').fill(owner.email!);
    await page.getByRole('button', { name: 'Register owner' }).click();

    await expect
      .poll(() => fieldError(page.getByLabel('Email')))
      .toBe('Another active owner already uses this email');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'The owner was not registered' }).textContent())
      .toContain('See the form for details.');
    // Nothing above the form repeats it, and nothing typed is lost.
    expect(await page.locator('main').getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('Last name').inputValue()).toBe(`Owner${id}`);
    expect(page.url()).toMatch(/\/owners\/new$/);
    await screenshot(page, 'refusal-on-field-owner-email');
    await context.close();
  });
});

describe('a save refused because the session ended', () => {
  it('shows no error: the app sends the user to sign in, with its notice', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, owner } = await ownerWithPet(context, `Gone${id}`);
    await page.goto(`/owners/${owner.id}/edit`);
    await settled(page);
    await page.getByLabel('Notes').fill('Typed before the session ended');
    // This browser's session is signed out elsewhere.
    const mine = (await api.auth.sessions.query()).find((s) => s.current)!;
    await api.auth.revokeSession.mutate({ sessionId: mine.id });

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/login/);
    expect(page.url()).toContain('expired=true');
    await expect.poll(() => page.getByText('Your session has ended').isVisible()).toBe(true);
    expect(await page.getByText('The owner was not saved').count()).toBe(0);
    await context.close();
  });
});

describe('a save over someone else’s change', () => {
  it('staff account: compares, takes their change keeping mine, or saves mine over theirs', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    const api = await apiAs(context);
    const name = `Nora Nurse ${id}`;
    const created = await api.users.create.mutate({
      username: `nora.${id}`,
      fullName: name,
      email: `nora.${id}@example.org`,
      role: 'assistant',
      password: 'lantern-orbit-meadow-4417',
    });
    await page.goto('/admin/users');
    await settled(page);

    const openEdit = async (fullName: string) => {
      await page.getByRole('button', { name: `Actions for ${fullName}` }).click();
      await page.getByRole('menuitem', { name: 'Edit name, email, role' }).click();
      return page.getByRole('dialog', { name: `Edit ${fullName}` });
    };

    // I rename; meanwhile the email is changed elsewhere.
    let dialog = await openEdit(name);
    await dialog.getByLabel('Full name').fill(`Nora Nightingale ${id}`);
    await api.users.update.mutate({
      id: created.id,
      updatedAt: created.updatedAt,
      email: `nora.new.${id}@example.org`,
    });
    await dialog.getByRole('button', { name: 'Save' }).click();
    let conflict = conflictIn(dialog);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.textContent()).toContain('Alex Morgan');
    expect(await rowOf(conflict, 'Email')).toEqual([
      'Email',
      `nora.${id}@example.org`,
      `nora.new.${id}@example.org`,
      `nora.${id}@example.org`,
    ]);
    expect(await dialog.getByLabel('Full name').inputValue()).toBe(`Nora Nightingale ${id}`);
    await screenshot(page, 'stale-edit-staff-account');

    await conflict.getByRole('button', { name: 'Take their changes, keep my other edits' }).click();
    expect(await dialog.getByLabel('Email').inputValue()).toBe(`nora.new.${id}@example.org`);
    expect(await dialog.getByLabel('Full name').inputValue()).toBe(`Nora Nightingale ${id}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(`Nora Nightingale ${id}`) });
    await expect.poll(() => row.textContent()).toContain(`nora.new.${id}@example.org`);

    // I rename again; meanwhile someone else renames: I keep mine.
    dialog = await openEdit(`Nora Nightingale ${id}`);
    await dialog.getByLabel('Full name').fill(`Nora Mine ${id}`);
    const current = (await api.users.list.query()).find((u) => u.id === created.id)!;
    await api.users.update.mutate({
      id: created.id,
      updatedAt: current.updatedAt,
      fullName: `Nora Theirs ${id}`,
    });
    await dialog.getByRole('button', { name: 'Save' }).click();
    conflict = conflictIn(dialog);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await rowOf(conflict, 'Full name')).toEqual([
      'Full name',
      `Nora Nightingale ${id}`,
      `Nora Theirs ${id}`,
      `Nora Mine ${id}`,
    ]);
    await saveMineOverTheirs(page, conflict, 'stale-edit-overwrite-confirm');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await api.users.list.query()).find((u) => u.id === created.id)?.fullName)
      .toBe(`Nora Mine ${id}`);
    await context.close();
  });

  it('appointment reschedule: compares the times, takes theirs keeping my length, or saves mine', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const { api, pet } = await ownerWithPet(context, `Appt${id}`);
    const okafor = (await api.users.veterinarians.query()).find((v) => v.fullName === 'Dr. James Okafor')!;
    // Two days ahead, after the demo clinic's last slot (16:30).
    const day = calendarDate(new Date(serverNow().getTime() + 2 * 24 * 3_600_000));
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00Z`);
    const booked = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: okafor.id,
      startsAt: at('17:00'),
      endsAt: at('17:30'),
      reason: `E2E reschedule ${id}`,
    });
    const theAppointment = async () => {
      const [found] = await api.appointments.list.query({
        from: at('00:00'),
        to: at('23:59'),
        patientId: pet.id,
      });
      return found!;
    };
    await page.goto(`/calendar?date=${day}&view=day`);
    await settled(page);

    const openReschedule = async (time: string) => {
      await page.getByRole('button', { name: new RegExp(`${time} ${pet.name}`) }).click();
      const details = page.getByRole('dialog');
      await details.getByRole('button', { name: 'Reschedule…' }).click();
      return details;
    };

    // I move it to 17:30 for 45 minutes; meanwhile it is moved to 18:00 elsewhere.
    let details = await openReschedule('05:00 PM');
    await details.getByLabel('New start time').fill('17:30');
    await details.getByLabel('Duration').selectOption('45');
    const moved = await api.appointments.reschedule.mutate({
      id: booked.id,
      updatedAt: booked.updatedAt,
      startsAt: at('18:00'),
      endsAt: at('18:30'),
    });
    await details.getByRole('button', { name: 'Save new time' }).click();
    let conflict = conflictIn(details);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.textContent()).toContain('Liam Chen');
    expect(await rowOf(conflict, 'Start time')).toEqual(['Start time', '05:00 PM', '06:00 PM', '05:30 PM']);
    // Their move kept the length: only the start time differs between the versions.
    expect(await conflict.getByRole('row').count()).toBe(2);
    await screenshot(page, 'stale-edit-appointment');

    await conflict.getByRole('button', { name: 'Take their changes, keep my other edits' }).click();
    expect(await details.getByLabel('New start time').inputValue()).toBe('18:00');
    expect(await details.getByLabel('Duration').inputValue()).toBe('45');
    await details.getByRole('button', { name: 'Save new time' }).click();
    await details.waitFor({ state: 'detached' });
    const saved = await theAppointment();
    expect([saved.startsAt, saved.endsAt]).toEqual([at('18:00'), at('18:45')]);
    expect(saved.updatedAt.getTime()).toBeGreaterThan(moved.updatedAt.getTime());
    await expect
      .poll(() => page.getByRole('button', { name: new RegExp(`06:00 PM ${pet.name}`) }).isVisible())
      .toBe(true);

    // I move it to 18:30; meanwhile it goes to 17:00 elsewhere: mine is saved over theirs.
    details = await openReschedule('06:00 PM');
    await details.getByLabel('New start time').fill('18:30');
    await api.appointments.reschedule.mutate({
      id: booked.id,
      updatedAt: saved.updatedAt,
      startsAt: at('17:00'),
      endsAt: at('17:45'),
    });
    await details.getByRole('button', { name: 'Save new time' }).click();
    conflict = conflictIn(details);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await rowOf(conflict, 'Start time')).toEqual(['Start time', '06:00 PM', '05:00 PM', '06:30 PM']);
    await saveMineOverTheirs(page, conflict);
    await details.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('button', { name: new RegExp(`06:30 PM ${pet.name}`) }).isVisible())
      .toBe(true);
    const mine = await theAppointment();
    expect([mine.startsAt, mine.endsAt]).toEqual([at('18:30'), at('19:15')]);
    await context.close();
  });

  it('medical record amendment: compares, takes their change keeping my text, or saves mine', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Rec${id}`);
    const record = await api.medicalRecords.create.mutate({
      patientId: pet.id,
      reason: `E2E amend ${id}`,
      findings: 'Initial findings',
      diagnosis: 'Initial diagnosis',
    });
    await page.goto(`/patients/${pet.id}`);
    await settled(page);

    const openAmend = async () => {
      await page.getByRole('button', { name: 'Amend' }).click();
      return page.getByRole('dialog', { name: 'Amend the visit record' });
    };

    // I write the findings; meanwhile the diagnosis is amended on another device.
    let dialog = await openAmend();
    await dialog.getByLabel('Findings').fill('My findings');
    await api.medicalRecords.amend.mutate({
      id: record.id,
      updatedAt: record.updatedAt,
      diagnosis: 'Their diagnosis',
    });
    await dialog.getByRole('button', { name: 'Save amendment' }).click();
    let conflict = conflictIn(dialog);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.textContent()).toContain('Dr. Sofia Ramirez');
    expect(await rowOf(conflict, 'Diagnosis')).toEqual([
      'Diagnosis',
      'Initial diagnosis',
      'Their diagnosis',
      'Initial diagnosis',
    ]);
    expect(await dialog.getByLabel('Findings').inputValue()).toBe('My findings');
    await screenshot(page, 'stale-edit-medical-record');

    await conflict.getByRole('button', { name: 'Take their changes, keep my other edits' }).click();
    expect(await dialog.getByLabel('Diagnosis').inputValue()).toBe('Their diagnosis');
    expect(await dialog.getByLabel('Findings').inputValue()).toBe('My findings');
    await dialog.getByRole('button', { name: 'Save amendment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('My findings').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Their diagnosis').isVisible()).toBe(true);

    // I write the treatment; meanwhile another treatment is saved: mine is saved over theirs.
    dialog = await openAmend();
    await dialog.getByLabel('Treatment').fill('My treatment');
    const [current] = await api.medicalRecords.listForPatient.query({ patientId: pet.id });
    if (current?.kind !== 'full') throw new Error('a vet reads the full record');
    await api.medicalRecords.amend.mutate({
      id: record.id,
      updatedAt: current.updatedAt,
      treatment: 'Their treatment',
    });
    await dialog.getByRole('button', { name: 'Save amendment' }).click();
    conflict = conflictIn(dialog);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await rowOf(conflict, 'Treatment')).toEqual(['Treatment', '—', 'Their treatment', 'My treatment']);
    await saveMineOverTheirs(page, conflict);
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('My treatment').isVisible()).toBe(true);
    expect(await page.getByText('Their treatment').count()).toBe(0);
    await context.close();
  });
});
