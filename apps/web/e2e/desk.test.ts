import { describe, expect, it } from 'vitest';
import {
  apiAs,
  fieldError,
  holdPatientSearch,
  newContext,
  openQuickSearch,
  ownerWithPet,
  screenshot,
  serverNow,
  settled,
  signedInPage,
  unique,
  withBrowser,
} from './support';

/**
 * At the desk (issue 9, flows 1 and 8): the owners list shows each owner's pets and finds an owner by a pet's
 * name; Ctrl+K then Enter opens the first result; a deactivated user is told so only after the right password;
 * the cancel dialog names what is wrong on its field; a registered pet's chart offers "Add another pet".
 */
/** Long enough for a debounced search or a save to come back on a busy machine. */
const WAIT = { timeout: 10_000 };
const browser = withBrowser();
const id = unique();
// A number of its own for this run: four random digits after a fixed exchange.
const digits = String(1000 + Math.floor(Math.random() * 9000));

describe('finding clients', () => {
  it("the owners list shows each owner's pets and finds the owner by a pet's name", async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    const owner = await api.owners.create.mutate({
      firstName: 'Greta',
      lastName: `Finder${id}`,
      phone: `+1 555 818 ${digits}`,
      email: `greta.${id}@example.org`,
    });
    for (const name of [`Bramble${id}`, `Acorn${id}`]) {
      await api.patients.create.mutate({ ownerId: owner.id, name, species: 'Dog' });
    }
    await page.goto('/owners');
    await settled(page);
    const owners = page.getByRole('table', { name: 'Owners' });
    await page.getByLabel('Search owners').fill(`bramble${id}`);
    // The header row and Greta's only (the unfiltered list stays on screen until the search answers).
    await expect.poll(() => owners.getByRole('row').count(), WAIT).toBe(2);
    await expect.poll(() => owners.getByText(`Finder${id}, Greta`).count(), WAIT).toBe(1);
    const row = owners.getByRole('row', { name: new RegExp(`Finder${id}`) });
    expect(await row.getByRole('link').allTextContents()).toEqual([
      `Finder${id}, Greta`,
      `Acorn${id}`,
      `Bramble${id}`,
    ]);
    await screenshot(page, 'desk-owners-with-pets');

    // The phone in another format finds the same owner (a fresh page: no earlier result on screen).
    await page.goto(`/owners?q=${encodeURIComponent(`(555) 818-${digits}`)}`);
    await settled(page);
    await expect.poll(() => owners.getByRole('row').count(), WAIT).toBe(2);
    await expect.poll(() => owners.getByText(`Finder${id}, Greta`).count(), WAIT).toBe(1);
    await context.close();
  });

  it('Ctrl+K then Enter opens the first result, found by phone, email, owner or pet name', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    const owner = await api.owners.create.mutate({
      firstName: 'Kit',
      lastName: `Spotlight${id}`,
      phone: `555 828 ${digits}`,
      email: `kit.${id}@example.org`,
    });
    const pet = await api.patients.create.mutate({ ownerId: owner.id, name: `Quokka${id}`, species: 'Cat' });
    await page.goto('/today');
    await settled(page);
    for (const search of [`555828${digits}`, `kit.${id}@example.org`, `Spotlight${id}`, `quokka${id}`]) {
      const box = await openQuickSearch(page);
      await box.fill(search);
      await expect
        .poll(() => page.getByText(`Quokka${id}`, { exact: true }).first().isVisible(), WAIT)
        .toBe(true);
      if (search === `quokka${id}`) await screenshot(page, 'desk-quick-search');
      await box.press('Enter');
      await page.waitForURL(new RegExp(`/patients/${pet.id}$`));
      await page.goto('/today');
    }
    await context.close();
  });
  it('Enter while the typed search is on its way opens the first result of its answer, never the last search’s', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    const owner = await api.owners.create.mutate({
      firstName: 'Quinn',
      lastName: `Pending${id}`,
      phone: `555 829 ${digits}`,
      email: `quinn.${id}@example.org`,
    });
    // The first search finds both, this one listed first; the longer search finds only the second.
    await api.patients.create.mutate({ ownerId: owner.id, name: `Quoll${id}`, species: 'Cat' });
    const second = await api.patients.create.mutate({
      ownerId: owner.id,
      name: `Quoll${id}b`,
      species: 'Cat',
    });
    await page.goto('/today');
    await settled(page);
    const box = await openQuickSearch(page);
    await box.fill(`Quoll${id}`);
    await expect.poll(() => page.getByText(`Quoll${id}b`, { exact: true }).isVisible(), WAIT).toBe(true);

    // The longer search's patients are held until the test lets them through.
    const held = await holdPatientSearch(page, `Quoll${id}b`);
    await box.fill(`Quoll${id}b`);
    await held.asked;
    // The first search's results stay in view but cannot be opened; Enter now waits for the answer.
    const results = page.getByRole('button', { name: new RegExp(`^Quoll${id}`) });
    expect(await results.count()).toBe(2);
    expect(await results.evaluateAll((all) => all.every((b) => (b as HTMLButtonElement).disabled))).toBe(
      true,
    );
    await screenshot(page, 'desk-quick-search-pending', { fullPage: false });
    await box.press('Enter');
    held.release();
    await page.waitForURL(new RegExp(`/patients/${second.id}$`));
    await context.close();
  });
});

describe('signing in to a deactivated account', () => {
  it('says the account is deactivated only after the right password', async () => {
    const admin = await signedInPage(browser(), 'admin');
    const api = await apiAs(admin.context);
    const password = 'lantern-orbit-meadow-4417';
    const username = `gone.${id}`;
    const user = await api.users.create.mutate({
      username,
      fullName: `Gone Away ${id}`,
      email: `gone.${id}@example.org`,
      role: 'assistant',
      password,
    });
    await api.users.setActive.mutate({ id: user.id, isActive: false });
    await admin.context.close();

    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Incorrect username or password.').isVisible(), WAIT).toBe(true);
    expect(await page.getByText(/deactivated/).count()).toBe(0);

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByText(/This account is deactivated\. Ask an administrator/).isVisible(), WAIT)
      .toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'desk-deactivated-sign-in');
    await context.close();
  });
});

describe('the cancel dialog', () => {
  it('names an empty or over-long reason on its field and sends nothing', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const { api, pet } = await ownerWithPet(context, `Cancel${id}`, { species: 'Dog' });
    const vets = await api.users.veterinarians.query();
    const start = serverNow();
    start.setUTCHours(18, 30, 0, 0);
    const booked = await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: vets[0]!.id,
      reason: 'Nail trim',
      startsAt: start,
      endsAt: new Date(start.getTime() + 30 * 60_000),
    });
    await page.goto('/today');
    await settled(page);
    await page.getByRole('button', { name: `Cancel the appointment of ${pet.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel the appointment of ${pet.name}` });
    const reason = dialog.getByLabel('Reason for cancelling');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect.poll(() => fieldError(reason), WAIT).toBe('Required');
    await reason.fill('   ');
    await reason.blur();
    await expect.poll(() => fieldError(reason), WAIT).toBe('Required');
    // Past the box's own limit (pasted by a script): the validator's message, on the field.
    await reason.evaluate((el) => el.removeAttribute('maxlength'));
    await reason.fill('x'.repeat(301));
    await reason.blur();
    await expect.poll(() => fieldError(reason), WAIT).toBe('At most 300 characters');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await screenshot(page, 'desk-cancel-field-error');
    expect((await api.appointments.get.query({ id: booked.id })).status).toBe('scheduled');

    await reason.fill('Owner called: the dog is unwell');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect
      .poll(async () => (await api.appointments.get.query({ id: booked.id })).status, WAIT)
      .toBe('cancelled');
    await context.close();
  });
});

describe('registering pets', () => {
  it("after registering a pet, its chart offers 'Add another pet' for the same owner", async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    const owner = await api.owners.create.mutate({
      firstName: 'Fay',
      lastName: `Family${id}`,
      phone: '+1 555 010 4444',
    });
    await page.goto(`/owners/${owner.id}/pets/new`);
    await page.getByLabel('Name').fill(`First${id}`);
    await page.getByRole('combobox', { name: 'Species' }).fill('Dog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Register pet' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await settled(page);
    const another = page.getByRole('link', { name: 'Add another pet' });
    await expect.poll(() => another.isVisible(), WAIT).toBe(true);
    await screenshot(page, 'desk-add-another-pet');
    await another.click();
    await page.waitForURL(new RegExp(`/owners/${owner.id}/pets/new$`));
    await expect.poll(() => page.getByText(`Owner: Fay Family${id}`).isVisible(), WAIT).toBe(true);
    expect(await page.getByLabel('Name').inputValue()).toBe('');
    await page.getByLabel('Name').fill(`Second${id}`);
    await page.getByRole('combobox', { name: 'Species' }).fill('Cat');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Register pet' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    const pets = (await api.owners.get.query({ id: owner.id })).patients.map((p) => p.name);
    expect(pets).toEqual([`First${id}`, `Second${id}`]);
    // Only right after registering: the chart opened another way does not offer it.
    const chart = new URL(page.url()).pathname;
    await page.goto(`/owners/${owner.id}`);
    await page.locator(`a[href="${chart}"]`).first().click();
    await page.waitForURL(new RegExp(`${chart}$`));
    await settled(page);
    expect(await page.getByRole('link', { name: 'Add another pet' }).count()).toBe(0);
    await context.close();
  });
});
