import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, settled, signedInPage, withBrowser } from './support';

// Wherever a password is chosen, the SPA shows the shared rule's verdict while typing: a strength meter and
// zxcvbn's feedback. zxcvbn's dictionaries load only then, never with the first screen.

const browser = withBrowser();

const meter = (page: Page) => page.getByTestId('password-strength');

/** Whether a script chunk holding zxcvbn's common-password dictionary has been fetched. */
function watchDictionaries(page: Page) {
  const seen = { loaded: false };
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const body = await response.text().catch(() => '');
    if (body.includes('iloveyou')) seen.loaded = true;
  });
  return seen;
}

describe('choosing a password', () => {
  it('My account: the meter and feedback follow the typing, and a weak password is not sent', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const dictionaries = watchDictionaries(page);
    await settled(page);
    expect(dictionaries.loaded, 'the first screen does not load the dictionaries').toBe(false);

    await page.goto('/account');
    await settled(page);
    const newPassword = page.getByLabel(/^New password/);
    await newPassword.fill('iloveyou1234');
    await expect
      .poll(() => meter(page).textContent())
      .toMatch(/Strength: (very weak|weak|fair) — not accepted yet/);
    await expect.poll(() => meter(page).textContent()).toMatch(/commonly used password/);
    expect(await page.getByRole('progressbar', { name: /Password strength/ }).count()).toBe(1);
    expect(dictionaries.loaded).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-password-weak');

    // Refused in the browser, with the same words the server would use: nothing is sent.
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('auth.changePassword')) sent.push(request.url());
    });
    await page.getByLabel(/^Current password/).fill('vetflow-demo');
    await page.getByLabel(/^Repeat the new password/).fill('iloveyou1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText(/^Too easy to guess\./).count()).toBe(1);
    expect(sent).toEqual([]);

    await newPassword.fill('lantern-orbit-meadow-4417');
    await expect
      .poll(() => meter(page).textContent())
      .toMatch(/Strength: (strong|very strong) — good enough/);
    await screenshot(page, 'account-password-strong');
    await context.close();
  });

  it("Staff accounts: a new account's password is judged against its own username", async () => {
    const { context, page } = await signedInPage(browser(), 'admin');
    await page.goto('/admin/users');
    await settled(page);
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New staff account' });
    await dialog.getByLabel('Username').fill('nora.nurse');
    await dialog.getByLabel('Initial password').fill('nora.nurse2024!');
    await expect.poll(() => meter(page).textContent()).toMatch(/not accepted yet/);
    await expect.poll(() => meter(page).textContent()).toMatch(/Must not contain the username/);
    await dialog.getByLabel('Initial password').fill('lantern-orbit-meadow-4417');
    await expect.poll(() => meter(page).textContent()).toMatch(/good enough/);
    await context.close();
  });
});
