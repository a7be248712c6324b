import { describe, expect, it } from 'vitest';
import { apiAs, screenshot, serverNow, settled, signedInPage, withBrowser } from './support';

/**
 * A patient's history shows the appointments that are over, whatever became of them (issue 9, bug 5): a
 * cancellation keeps its reason on the patient's page, newest first, next to the upcoming ones.
 */
const browser = withBrowser();

describe('the patient page', () => {
  it('lists past appointments newest first, with status and the cancellation reason', async () => {
    const { context, page } = await signedInPage(browser(), 'assistant');
    const api = await apiAs(context);
    const now = serverNow();
    // The demo week's cancelled appointments that are over, from the seed.
    const week = await api.appointments.list.query({
      from: new Date(now.getTime() - 4 * 86_400_000),
      to: now,
      includeCancelled: true,
    });
    const cancelled = week.find((a) => a.status === 'cancelled' && a.endsAt <= now);
    expect(cancelled).toBeDefined();
    const patient = await api.patients.get.query({ id: cancelled!.patientId });
    expect(patient.pastAppointments.length).toBeGreaterThan(0);

    await page.goto(`/patients/${patient.id}`);
    await settled(page);
    const past = page.getByRole('region', { name: 'Past appointments' });
    const items = past.getByRole('listitem');
    expect(await items.count()).toBe(patient.pastAppointments.length);
    const cancelledItem = items.filter({ hasText: cancelled!.reason }).filter({ hasText: 'Cancelled' });
    expect(await cancelledItem.count()).toBeGreaterThan(0);
    expect(await cancelledItem.first().textContent()).toContain(
      'Cancelled because: Owner rescheduled by phone',
    );
    // Newest first: the first item is the latest start.
    const latest = patient.pastAppointments[0]!;
    expect(await items.first().textContent()).toContain(latest.reason);
    for (const [i, a] of patient.pastAppointments.entries()) {
      if (i > 0)
        expect(a.startsAt.getTime()).toBeLessThanOrEqual(patient.pastAppointments[i - 1]!.startsAt.getTime());
    }
    await past.scrollIntoViewIfNeeded();
    await screenshot(page, 'patient-past-appointments');
    await context.close();
  });
});
