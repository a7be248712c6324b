import { describe, expect, it } from 'vitest';
import { apiAs, screenshot, settled, signedInPage, unique, withBrowser } from './support';

/**
 * The admin's audit timeline says how far the audit trail is verified against its hash chain and shows the chain
 * head to write down (issue 10, item 3); the API seals new changes within seconds.
 */
const browser = withBrowser();

describe('audit trail verification on the timeline', () => {
  it('shows "verified up to" with the chain head, and the head moves on after a change is sealed', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    await page.goto('/admin/audit');
    await settled(page);
    const banner = page.getByRole('status').filter({ hasText: 'Verified up to' });
    await expect.poll(() => banner.isVisible(), { timeout: 20_000 }).toBe(true);
    const headOf = async () => (await banner.locator('code').textContent()) ?? '';
    const before = await headOf();
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'audit-verified');

    const api = await apiAs(context);
    await api.owners.create.mutate({
      firstName: 'Chain',
      lastName: `Head ${unique()}`,
      phone: '+1 555 010 4242',
    });
    // The page refetches on its own: no reload.
    await expect.poll(headOf, { timeout: 40_000, interval: 1_000 }).not.toBe(before);
    expect(await headOf()).toMatch(/^[0-9a-f]{64}$/);
  });
});
