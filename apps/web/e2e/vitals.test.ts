import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fieldError, ownerWithPet, screenshot, signedInPage, unique, withBrowser } from './support';

/**
 * Vitals as typed are the vitals validated (issue 9, bug 3): an implausible weight or temperature is named by the
 * validator's message under its field and left as typed, never clamped to a bound; a decimal comma is a decimal
 * point, so "10,4" is 10.4 and never 104.
 */
const browser = withBrowser();
const id = unique();

/** Types `text` key by key into an emptied field, then leaves it (blur is when a clamp would have happened). */
async function typeInto(field: Locator, text: string) {
  await field.fill('');
  await field.pressSequentially(text);
  await field.blur();
}

describe('the visit form', () => {
  it('keeps out-of-range vitals as typed, with the validator message, and reads a decimal comma', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Vitals${id}`, { species: 'Dog' });
    await page.goto(`/patients/${pet.id}/visits/new`);
    const weight = page.getByLabel('Weight (kg)');
    const temperature = page.getByLabel('Temperature (°C)');

    await typeInto(weight, '-3');
    expect(await weight.inputValue()).toBe('-3');
    await expect.poll(() => fieldError(weight)).toBe('Must be greater than 0');
    await typeInto(weight, '2000');
    expect(await weight.inputValue()).toBe('2000');
    await expect.poll(() => fieldError(weight)).toBe('At most 1500 kg');

    await typeInto(temperature, '48');
    expect(await temperature.inputValue()).toBe('48');
    await expect.poll(() => fieldError(temperature)).toBe('Between 25 and 45 °C');
    await typeInto(temperature, '20');
    expect(await temperature.inputValue()).toBe('20');
    await expect.poll(() => fieldError(temperature)).toBe('Between 25 and 45 °C');
    await screenshot(page, 'vitals-out-of-range');

    // Either decimal separator; digits alone stay an integer.
    const readings: [typed: string, shown: string][] = [
      ['10,4', '10.4'],
      ['10.4', '10.4'],
      ['104', '104'],
    ];
    for (const [typed, shown] of readings) {
      await typeInto(weight, typed);
      expect(await weight.inputValue()).toBe(shown);
      expect(await fieldError(weight)).toBeNull();
    }
    await typeInto(temperature, '38,5');
    expect(await temperature.inputValue()).toBe('38.5');
    expect(await fieldError(temperature)).toBeNull();

    // What is saved is what was read: 10,4 kg is 10.4 kg.
    await typeInto(weight, '10,4');
    await page.getByLabel('Reason for the visit').fill('E2E vitals');
    await page.getByRole('button', { name: 'Save visit record' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/visits/new'));
    await expect.poll(async () => (await api.patients.get.query({ id: pet.id })).weightKg).toBe(10.4);
    await screenshot(page, 'vitals-saved-with-comma');
    await context.close();
  });
});
