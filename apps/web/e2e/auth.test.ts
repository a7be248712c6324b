import { describe, expect, it } from 'vitest';
import {
  type DemoUser,
  newContext,
  screenshot,
  settled,
  signedInPage,
  submitSignIn,
  withBrowser,
  withOwnServer,
} from './support';

// Its own server: this file signs out every other session of `vet` and gets `vet2` throttled, which would end or
// refuse the sign-ins of any other file using those demo users on a shared server.
withOwnServer();
const browser = withBrowser();

const ROLES: { user: DemoUser; name: string; role: string; admin: boolean }[] = [
  { user: 'admin', name: 'Alex Morgan', role: 'Administrator', admin: true },
  { user: 'vet', name: 'Dr. Sofia Ramirez', role: 'Veterinarian', admin: false },
  { user: 'assistant', name: 'Liam Chen', role: 'Assistant', admin: false },
];

describe('signing in', () => {
  for (const r of ROLES) {
    it(`signs in as ${r.user} and shows the navigation of the ${r.role.toLowerCase()} role`, async () => {
      const { context, page } = await signedInPage(browser(), r.user);
      await settled(page);
      expect(page.url()).toMatch(/\/today$/);
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      for (const item of ['Today', 'Calendar', 'Owners & patients', 'My account']) {
        await expect.poll(() => nav.getByRole('link', { name: item }).isVisible()).toBe(true);
      }
      expect(await nav.getByRole('link', { name: 'Staff accounts' }).count()).toBe(r.admin ? 1 : 0);
      expect(await nav.getByRole('link', { name: 'Audit timeline' }).count()).toBe(r.admin ? 1 : 0);
      await expect
        .poll(() => page.getByRole('button', { name: `${r.name} ${r.role}`, exact: true }).isVisible())
        .toBe(true);
      await screenshot(page, `today-${r.user}`);

      // Sign out from the user menu.
      await page.getByRole('button', { name: `${r.name} ${r.role}`, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
      await page.goto('/owners');
      await page.waitForURL(/\/login/);
      await context.close();
    });
  }

  it('refuses a wrong password with one generic message, and keeps the form', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill('assistant');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Incorrect username or password');
    // The same message for an unknown user: nothing tells which part was wrong.
    await page.getByLabel('Username').fill('nobody-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Incorrect username or password');
    expect(await page.getByLabel('Username').inputValue()).toBe('nobody-here');
    await screenshot(page, 'login-error');
    await context.close();
  });

  it('shows the wait when sign-ins are throttled', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill('vet2');
    let throttled = false;
    for (let attempt = 0; attempt < 8 && !throttled; attempt++) {
      await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
      const button = page.getByRole('button', { name: 'Sign in' });
      await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
      await button.click();
      await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      throttled = (await page.getByRole('alert').allTextContents())
        .join(' ')
        .includes('Too many failed sign-ins');
    }
    expect(throttled).toBe(true);
    const text = (await page.getByRole('alert').allTextContents()).join(' ');
    expect(text).toMatch(/wait \d+ seconds?|wait \d+ (h|min)/);
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await screenshot(page, 'login-throttled');
    await context.close();
  });

  it('sends a user whose session ended back to sign-in with a notice, then back to the page', async () => {
    const first = await signedInPage(browser(), 'vet');
    await first.page.goto('/owners');
    await settled(first.page);

    // The same user, elsewhere, revokes every other session.
    const second = await signedInPage(browser(), 'vet');
    await second.page.goto('/account');
    await settled(second.page);
    const revoke = second.page.getByRole('button', { name: /^Revoke the session/ });
    for (let left = await revoke.count(); left > 0; left = await revoke.count()) {
      await revoke.first().click();
      // Once the list shows one session fewer, the revocation went through and every button left is live (a
      // fixed pause here clicked a button the refetched list no longer had when the machine was busy).
      await expect.poll(() => revoke.count(), { timeout: 15_000 }).toBeLessThan(left);
    }

    // The first browser's next request is refused: it lands on sign-in with a notice.
    await first.page.getByRole('link', { name: 'Calendar' }).click();
    await first.page.waitForURL(/\/login/);
    expect(first.page.url()).toContain('expired=true');
    await expect.poll(() => first.page.getByText('Your session has ended').isVisible()).toBe(true);
    await screenshot(first.page, 'login-session-ended');
    await submitSignIn(first.page, 'vet');
    expect(new URL(first.page.url()).pathname).toBe('/calendar');
    await first.context.close();
    await second.context.close();
  });

  it('keeps anonymous visitors out of the app', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/admin/audit');
    await page.waitForURL(/\/login/);
    expect(decodeURIComponent(page.url())).toContain('redirect=/admin/audit');
    await context.close();
  });

  it('does not let a non-admin reach admin screens', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    await page.goto('/admin/users');
    await page.waitForURL(/\/today/);
    await context.close();
  });
});
