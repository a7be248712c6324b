import { describe, expect, it } from 'vitest';
import { at } from './clock';
import { ownerWithPet, screenshot, settled, signedInPage, unique, withBrowser } from './support';

/**
 * The weight chart spaced its points one per visit, whatever the time between them (18 months looked like
 * 2 days), and its y-axis labels wrapped over two lines (issue 9, bug 11).
 */
const browser = withBrowser();
const id = unique();
const DAY = 86_400_000;

describe('weight chart', () => {
  it('spaces visits by time and keeps each y-axis label on one line', async () => {
    const { context, page } = await signedInPage(browser(), 'vet');
    const { api, pet } = await ownerWithPet(context, `Weigh${id}`, { species: 'Dog' });
    const testDay = at('09:00').getTime();
    // Day 0, day 1 and day 540 (about 18 months later), the last one the day before the test day.
    for (const [daysBefore, weightKg] of [
      [541, 10.4],
      [540, 10.6],
      [1, 12.25],
    ] as const) {
      await api.medicalRecords.create.mutate({
        patientId: pet.id,
        reason: `Weigh-in ${id}`,
        visitedAt: new Date(testDay - daysBefore * DAY),
        weightKg,
      });
    }

    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/patients/${pet.id}`);
      await settled(page);
      const chart = page.getByRole('img', { name: /^Weight over time\./ });
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.getAttribute('aria-label')).toContain('12.25 kg');

      const dots = chart.locator('circle.recharts-dot');
      await expect.poll(() => dots.count()).toBe(3);
      const xs = (await Promise.all((await dots.all()).map((d) => d.boundingBox()))).map(
        (box) => box!.x + box!.width / 2,
      );
      xs.sort((a, b) => a - b);
      const [first, second, third] = xs as [number, number, number];
      expect(second - first).toBeLessThan((third - second) / 10);
      expect(third - second).toBeGreaterThan(200);

      const yTicks = chart.locator('text.recharts-cartesian-axis-tick-value[orientation="left"]');
      expect(await yTicks.count()).toBeGreaterThan(1);
      for (const tick of await yTicks.all()) {
        expect(await tick.textContent()).toMatch(/^\d+(\.\d+)? kg$/);
        expect(await tick.locator('tspan').count()).toBe(1);
      }
      // The tooltip names the visit's date and its weight in kg.
      await dots.last().hover();
      const tooltip = chart.locator('.recharts-tooltip-wrapper');
      await expect.poll(() => tooltip.textContent()).toMatch(/Nov 23, 2026.*12\.25 kg/);
      await screenshot(page, `weight-chart-${width}`);
    }
    await context.close();
  });
});
