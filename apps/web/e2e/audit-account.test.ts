import { describe, expect, it } from 'vitest';
import { apiAs, newContext, screenshot, settled, signedInPage, unique, withBrowser } from './support';

/**
 * An audit entry about a staff account names that account beside its actor (issue 9, bug 9): when an admin
 * resets someone's password, which signs them out, the timeline says whose password and whose session.
 */
const browser = withBrowser();
const id = unique();

describe('the audit timeline', () => {
  it('names the account a password reset and a revoked session were about', async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    const api = await apiAs(context);
    const username = `otto.${id}`;
    const fullName = `Otto Account ${id}`;
    const password = 'lantern-orbit-meadow-4417';
    const user = await api.users.create.mutate({
      username,
      fullName,
      email: `otto.${id}@example.org`,
      role: 'assistant',
      password,
    });
    // Otto signs in somewhere, so the reset has a session to end.
    const otto = await newContext(browser());
    const ottoPage = await otto.newPage();
    await ottoPage.goto('/login');
    await ottoPage.getByLabel('Username').fill(username);
    await ottoPage.getByLabel('Password').fill(password);
    await ottoPage.getByRole('button', { name: 'Sign in' }).click();
    await ottoPage.waitForURL((url) => !url.pathname.startsWith('/login'));
    await otto.close();
    await api.users.resetPassword.mutate({ id: user.id, newPassword: 'harbor-violet-candle-2290' });

    await page.goto(`/admin/audit?table=system_users&record=${user.id}`);
    await settled(page);
    /** The timeline entry whose badge is `action` (a field of a diff may carry the same words). */
    const entryFor = (action: string) =>
      page.locator(`[data-testid="audit-entry"][aria-label^="${action} by "]`);
    for (const action of ['Password changed', 'Session revoked']) {
      const entry = entryFor(action);
      await expect.poll(() => entry.count()).toBe(1);
      const text = await entry.textContent();
      expect(text).toContain(`Account: ${fullName} (${username})`);
      // The actor is still the admin who did it.
      expect(await entry.getAttribute('aria-label')).toMatch(new RegExp(`^${action} by (?!${fullName})`));
    }
    // Otto's own sign-in is his, so it does not name the account again.
    const login = entryFor('Signed in');
    expect(await login.count()).toBe(1);
    expect(await login.textContent()).not.toContain('Account:');
    // A change to the account's row names it by its link, once.
    const created = entryFor('Created');
    expect(await created.getByRole('link', { name: fullName }).count()).toBe(1);
    expect(await created.textContent()).not.toContain('Account:');
    await screenshot(page, 'audit-account-named');
    await context.close();
  });
});
