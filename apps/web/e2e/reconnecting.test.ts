import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, settled, signedInPage, withBrowser } from './support';

/**
 * Issue 7 #11, the person at the desk: while the API answers 503 (its database is down) or does not answer at
 * all, the app shows one "Reconnecting…" notice instead of errors, keeps the screen, and recovers by itself
 * once the server answers again. (The server's own 503s are tested against a cut PostgreSQL in apps/api.)
 */
const browser = withBrowser();

/** What the API sends for every call of a batch while its database is unreachable. */
function databaseDown(route: Route) {
  const url = new URL(route.request().url());
  const calls = decodeURIComponent(url.pathname.replace(/^\/trpc\//, '')).split(',');
  const error = {
    error: {
      json: {
        message: 'The database is unavailable; try again in a moment',
        code: -32603,
        data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
      },
    },
  };
  return route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify(url.searchParams.get('batch') ? calls.map(() => error) : error),
  });
}

const banner = (page: Page) => page.getByRole('status').filter({ hasText: 'Reconnecting' });
const errorTexts = (page: Page) => page.getByText(/could not be loaded|Something went wrong/);

describe('while the database is unreachable', () => {
  for (const outage of ['503 from the API', 'no answer at all'] as const) {
    it(`${outage}: one reconnecting notice, no errors, and the screen comes back by itself`, async () => {
      const { context, page } = await signedInPage(browser(), 'assistant');
      await page.goto('/owners');
      await settled(page);
      await expect.poll(() => page.getByRole('table', { name: 'Owners' }).isVisible()).toBe(true);

      await page.route('**/trpc/**', (route) =>
        outage === '503 from the API' ? databaseDown(route) : route.abort('connectionrefused'),
      );
      await page.getByRole('link', { name: 'Today' }).click();
      await expect.poll(() => banner(page).isVisible(), { timeout: 15_000 }).toBe(true);
      // The notice may come first: Today's route loader asks for the day's data before the page renders.
      await expect.poll(() => page.getByRole('heading', { name: 'Today', level: 1 }).isVisible()).toBe(true);
      expect(await errorTexts(page).count()).toBe(0);
      if (outage === '503 from the API') await screenshot(page, 'reconnecting');

      await page.unroute('**/trpc/**');
      await expect.poll(() => banner(page).isVisible(), { timeout: 15_000 }).toBe(false);
      await expect.poll(() => page.getByRole('button', { name: 'Check in' }).count()).toBeGreaterThan(0);
      expect(await errorTexts(page).count()).toBe(0);
      await context.close();
    });
  }
});
