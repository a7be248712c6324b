import { describe, expect, it } from 'vitest';
import { ownerWithPet, screenshot, seriousViolations, signedInPage, unique, withBrowser } from './support';

/**
 * A weight more than 50 % off the patient's last recorded one is asked about before it is saved (issue 9,
 * bug 3): a slipped decimal point, 104 for 10.4 kg, is caught, and the user either checks it or saves it anyway.
 */
const browser = withBrowser();
const id = unique();

describe('a new visit with an implausible weight', () => {
  it('asks first, naming both weights; checking sends nothing, saving anyway saves', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Weigh${id}`, { species: 'Dog', weightKg: 10.4 });
    await page.goto(`/patients/${pet.id}/visits/new`);
    const reason = page.getByLabel('Reason for the visit');
    const weight = page.getByLabel('Weight (kg)');
    await reason.fill('E2E weight check');
    await weight.fill('104');
    await page.getByRole('button', { name: 'Save visit record' }).click();

    const dialog = page.getByRole('dialog', { name: 'Is this weight right?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'The weight 104 kg is 900 % more than the last recorded 10.4 kg. Save it anyway?',
    );
    // The dialog fades in: the picture is taken once it is fully shown.
    await expect
      .poll(() =>
        dialog.evaluate((el) => getComputedStyle(el.closest('.mantine-Modal-content') ?? el).opacity),
      )
      .toBe('1');
    await screenshot(page, 'weight-confirmation');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Check the weight' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => weight.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await weight.inputValue()).toBe('104');
    expect(await reason.inputValue()).toBe('E2E weight check');
    expect(page.url()).toMatch(/\/visits\/new$/);
    expect(await api.medicalRecords.listForPatient.query({ patientId: pet.id })).toHaveLength(0);
    expect((await api.patients.get.query({ id: pet.id })).weightKg).toBe(10.4);

    await page.getByRole('button', { name: 'Save visit record' }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/visits/new'));
    const records = await api.medicalRecords.listForPatient.query({ patientId: pet.id });
    expect(records.map((r) => [r.reason, 'weightKg' in r ? r.weightKg : undefined])).toEqual([
      ['E2E weight check', 104],
    ]);
    expect((await api.patients.get.query({ id: pet.id })).weightKg).toBe(104);
    await context.close();
  });

  it('saves a weight within 50 % without asking', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Steady${id}`, { species: 'Dog', weightKg: 10.4 });
    await page.goto(`/patients/${pet.id}/visits/new`);
    await page.getByLabel('Reason for the visit').fill('E2E steady weight');
    await page.getByLabel('Weight (kg)').fill('15.6');
    await page.getByRole('button', { name: 'Save visit record' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/visits/new'));
    expect((await api.patients.get.query({ id: pet.id })).weightKg).toBe(15.6);
    await context.close();
  });
});
