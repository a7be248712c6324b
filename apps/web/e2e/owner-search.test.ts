import { describe, expect, it } from 'vitest';
import { apiAs, screenshot, settled, signedInPage, unique, withBrowser } from './support';

/**
 * A phone number typed as digits (issue 9, bug 7): the address bar showed `?q=%22…%22`, and opening
 * `/owners?q=5551702370` dropped the filter, because the router read the digits as a number.
 */
const browser = withBrowser();
const id = unique();

describe('owner search by phone digits', () => {
  it('keeps a digits-only search in the address as typed, and an address with one keeps its filter', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    await api.owners.create.mutate({
      firstName: 'Dee',
      lastName: `Digits${id}`,
      phone: '+1 555 919 4321',
    });

    await page.goto('/owners');
    await settled(page);
    await page.getByLabel('Search owners').fill('5559194321');
    await page.waitForURL((url) => url.search.includes('q='));
    const owners = page.getByRole('table', { name: 'Owners' });
    await expect.poll(() => owners.getByText(`Digits${id}, Dee`).count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?q=5559194321');

    await page.goto('/owners?q=5559194321');
    await settled(page);
    expect(await page.getByLabel('Search owners').inputValue()).toBe('5559194321');
    await expect.poll(() => owners.getByRole('row').count()).toBe(2); // the header row and Dee's
    await expect.poll(() => owners.getByText(`Digits${id}, Dee`).count()).toBe(1);
    await screenshot(page, 'owner-search-phone-digits');
    await context.close();
  });
});
