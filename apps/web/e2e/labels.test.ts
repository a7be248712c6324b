import { describe, expect, it } from 'vitest';
import { ownerWithPet, screenshot, settled, signedInPage, unique, withBrowser } from './support';

/**
 * Words that contradicted what they label (issue 9, bug 8): a 90-minute booking read "1.5 hours 30", and the visit
 * form said "No known allergies." right under the patient's allergy alert.
 */
const browser = withBrowser();
const id = unique();

describe('labels', () => {
  it('the booking form offers durations in hours and minutes', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const { pet } = await ownerWithPet(context, `Duration${id}`);
    await page.goto(`/patients/${pet.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Book appointment' }).first().click();
    const duration = page.getByRole('dialog').getByLabel('Duration');
    const options = await duration.locator('option').allTextContents();
    expect(options).toEqual(['15 min', '20 min', '30 min', '45 min', '1 h', '1 h 30 min', '2 h', '3 h']);
    await duration.selectOption({ label: '1 h 30 min' });
    expect(await duration.inputValue()).toBe('90');
    await screenshot(page, 'booking-duration-labels');
    await context.close();
  });

  it('the visit form says "No known allergies." only when none are known', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const {
      api,
      owner,
      pet: allergic,
    } = await ownerWithPet(context, `Allergy${id}`, {
      allergies: [{ allergen: 'Penicillin', severity: 'severe', reaction: 'Hives' }],
    });
    const healthy = await api.patients.create.mutate({
      ownerId: owner.id,
      name: `Hale${id}`,
      species: 'Dog',
    });

    await page.goto(`/patients/${allergic.id}/visits/new`);
    await settled(page);
    await expect.poll(() => page.getByTestId('allergy-alert').textContent()).toContain('Penicillin');
    expect(await page.getByText('No known allergies.').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record an allergy' }).isVisible()).toBe(true);
    await screenshot(page, 'visit-form-allergic-patient');

    await page.goto(`/patients/${healthy.id}/visits/new`);
    await settled(page);
    expect(await page.getByTestId('allergy-alert').count()).toBe(0);
    expect(await page.getByText('No known allergies.').count()).toBe(1);
    await context.close();
  });
});
