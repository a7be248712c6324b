import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, serverNow, settled, signedInPage, withBrowser } from './support';

/**
 * The calendar at a glance (issue 9, flow 7, display): a line at the current time in today's column, and a
 * 30-minute block that shows its patient and status whole (colour, icon and label; the rest on hover), at the
 * front desk's 1440 px and a small screen's 1024 px.
 */
const browser = withBrowser();

/** Whether any text of the appointment blocks is cut, across or down. */
function cutBlocks(page: Page) {
  return page.locator('.vf-status-mark').evaluateAll((marks) =>
    marks.flatMap((mark) => {
      const block = mark.closest('button') as HTMLElement;
      const label = mark.lastElementChild as HTMLElement;
      const problems: string[] = [];
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`label cut: ${label.textContent}`);
      if (mark.getBoundingClientRect().bottom > block.getBoundingClientRect().bottom + 0.5) {
        problems.push(`status below the block: ${block.title}`);
      }
      return problems;
    }),
  );
}

describe('the calendar', () => {
  it.each([1440, 1024])(
    'at %i px: a current-time line in the day, and 30-minute blocks with their status whole',
    async (width) => {
      const { context, page } = await signedInPage(browser(), 'assistant');
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/calendar');
      await settled(page);

      // The line sits at the current time: minutes since the first row, in slot heights of 30 minutes.
      const lines = page.locator('.vf-now-line');
      await expect.poll(() => lines.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const geometry = await lines.first().evaluate((line) => {
        const column = line.parentElement as HTMLElement;
        const slot = column.querySelector('.vf-slot') as HTMLElement;
        const first = slot.getAttribute('aria-label') ?? '';
        return {
          offset: line.getBoundingClientRect().top + 1 - column.getBoundingClientRect().top,
          slotHeight: slot.getBoundingClientRect().height,
          first,
        };
      });
      const now = serverNow();
      const firstHour =
        (Number(/at (\d+):00 (AM|PM)/.exec(geometry.first)?.[1] ?? 'NaN') % 12) +
        (/PM/.test(geometry.first) ? 12 : 0);
      const minutes = (now.getUTCHours() - firstHour) * 60 + now.getUTCMinutes() + now.getUTCSeconds() / 60;
      expect(Math.abs(geometry.offset - (minutes / 30) * geometry.slotHeight)).toBeLessThan(
        geometry.slotHeight / 15,
      );

      // The demo day's 30-minute blocks: every status label shows whole, inside its block.
      expect(await page.locator('.vf-status-mark').count()).toBeGreaterThan(5);
      expect(await cutBlocks(page)).toEqual([]);
      const coco = page.getByRole('button', { name: /Coco/ }).first();
      expect(await coco.getAttribute('title')).toMatch(
        /Coco \(Parrot\): Annual wellness exam · Checked in · urgent/,
      );
      await screenshot(page, `calendar-now-${width}`);
      await context.close();
    },
  );
});
