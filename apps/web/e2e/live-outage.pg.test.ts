import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveLog, watchLive } from './live-log';
import { ownDatabase } from './postgres';
import {
  apiAs,
  ownerWithPet,
  screenshot,
  serverTodayAt,
  settled,
  signedInPage,
  unique,
  withBrowser,
  withOwnServer,
} from './support';

/**
 * Issue 11, "the database restarted under subscriptions": a server of this file's own on PostgreSQL (a database
 * of its own, E2E_DATABASE_URL). PostgreSQL ends every session of that database, as a restart does — the API's
 * pool and its listening connection. The vet's open Today keeps its stream to the API (the API did not go
 * away), gets `resync` once the listener is back, and shows a change committed while nobody listened, without a
 * reload; a change made after arrives as usual. Only this file's database is touched, never the cluster.
 */
const db = ownDatabase('live');
beforeAll(() => {
  db.create();
});
afterAll(() => {
  db.drop();
});
withOwnServer({ DATABASE_URL: db.url, VETFLOW_DEMO: '1' });
const browser = withBrowser();
const id = unique();

describe('live updates through a database restart (PostgreSQL)', () => {
  it("Today catches up on a change committed while the API's listener was cut off, without a reload", async () => {
    const vet = await signedInPage(browser(), 'vet');
    await watchLive(vet.context);
    const reception = await signedInPage(browser(), 'assistant');
    const { api, pet } = await ownerWithPet(reception.context, `Pg${id}`, { species: 'Dog' });
    const ramirez = (await api.users.veterinarians.query()).find((v) => v.fullName === 'Dr. Sofia Ramirez')!;
    await api.appointments.create.mutate({
      patientId: pet.id,
      veterinarianId: ramirez.id,
      reason: 'Booked before the restart',
      startsAt: serverTodayAt(18, 20),
      endsAt: serverTodayAt(18, 40),
    });

    await vet.page.goto('/today');
    await settled(vet.page);
    await vet.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const card = vet.page.getByRole('article', { name: new RegExp(pet.name) });
    await expect.poll(() => card.count()).toBe(1);
    const from = (await liveLog(vet.page)).length;

    // The restart: every session of this database ends. At once (before the API's listener can be back) the
    // pet is renamed by a session of our own: its notification reaches nobody.
    expect(db.endSessions()).toBeGreaterThan(0);
    const renamed = `Renamed${id}`;
    db.query(`update patients set name = '${renamed}' where id = '${pet.id}'`);

    const renamedCard = vet.page.getByRole('article', { name: new RegExp(renamed) });
    await expect.poll(() => renamedCard.count(), { timeout: 15_000 }).toBe(1);
    const frames = (await liveLog(vet.page)).slice(from).filter((entry) => entry.kind === 'frame');
    expect(frames.some((entry) => entry.kind === 'frame' && entry.data.includes('"resync"'))).toBe(true);

    // Live again: reception's check-in now arrives as an event.
    const [appointment] = await (await apiAs(reception.context)).appointments.list.query({
      from: serverTodayAt(0, 0),
      to: serverTodayAt(23, 59),
      patientId: pet.id,
    });
    let checkedIn = false;
    for (let attempt = 0; !checkedIn && attempt < 50; attempt++) {
      checkedIn = await api.appointments.setStatus
        .mutate({ id: appointment!.id, status: 'checked_in' })
        .then(() => true)
        .catch(() => new Promise<boolean>((r) => setTimeout(() => r(false), 200)));
    }
    await expect
      .poll(() => renamedCard.getByText('Checked in', { exact: true }).isVisible(), { timeout: 5_000 })
      .toBe(true);
    expect(await vet.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await renamedCard.scrollIntoViewIfNeeded();
    await screenshot(vet.page, 'live-after-database-restart', { fullPage: false });
    await vet.context.close();
    await reception.context.close();
  });
});
