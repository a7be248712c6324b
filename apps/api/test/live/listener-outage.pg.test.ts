import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { isChange, openLive } from '../support/live';

/**
 * Issue 11: the database listener survives a lost connection. The API reaches PostgreSQL through a TCP proxy the
 * test cuts, or PostgreSQL itself ends every one of the API's sessions (what a restart does to its clients); when
 * the listener is back, every open stream gets `resync` (notifications sent meanwhile are gone: the stream's
 * screens refetch) and then live events again. Only the test's own database's backends are ended, never the
 * cluster. On PGlite none of this applies: the engine runs inside the API's process on no connection at all, so
 * it cannot restart under the listener (it goes down only with the process, and its subscriptions with it; a
 * browser then reconnects to a new process whose event ids are not its own, and gets resync: changes.test.ts).
 */
describe('live updates through a database outage (PostgreSQL only)', () => {
  let t: TestApp;
  let vet: TestClient;
  let assistant: TestClient;

  beforeAll(async () => {
    t = await startTestApp({}, { viaProxy: true });
    vet = await t.signIn('vet');
    assistant = await t.signIn('assistant');
  }, 60_000);
  afterAll(() => t?.close());

  it('clients get resync once the listener is back, then changes again', async () => {
    const stream = openLive(vet);
    try {
      await stream.waitFor((frame) => frame.data.type === 'ready');
      t.proxy!.cut();
      await sleep(1000);
      t.proxy!.restore();
      // Within a few seconds of the database's return the listener is back and says so.
      await stream.waitFor((frame) => frame.data.type === 'resync', 8000, 'resync');
      expect(stream.state.error).toBeNull();
      // And live again: a change made now arrives.
      let patientId = '';
      for (let attempt = 0; !patientId && attempt < 50; attempt++) {
        patientId = await createOwnerWithPet(assistant, 'outage')
          .then((r) => r.patient.id)
          .catch(() => sleep(100).then(() => ''));
      }
      await stream.waitFor(isChange('patients', patientId), 2000);
    } finally {
      stream.close();
    }
  });

  it('the database ends the API’s sessions (as a restart does): a change made meanwhile is covered by resync, and one made after arrives', async () => {
    const stream = openLive(vet);
    try {
      const { patient } = await createOwnerWithPet(assistant, 'restart');
      await stream.waitFor((frame) => frame.data.type === 'ready');
      // Every backend of the API's role in this test's database: its pool and its listening connection.
      const ended = await queryRows<{ n: number }>(
        t.db,
        sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
             where datname = current_database() and usename = ${t.role} and pid <> pg_backend_pid()`,
      );
      expect(ended[0]!.n).toBeGreaterThan(0);
      // Committed while nobody listens (the test's owner connection was left alone): its notification is lost.
      await queryRows(t.db, sql`update patients set breed = 'Changed while down' where id = ${patient.id}`);
      const resync = await stream.waitFor((frame) => frame.data.type === 'resync', 10_000, 'resync');
      expect(stream.state.error).toBeNull();
      const afterResync = stream.frames.indexOf(resync);
      // And live again: a change made through the API now (its pool reconnects on demand) arrives.
      let patientId = '';
      for (let attempt = 0; !patientId && attempt < 50; attempt++) {
        patientId = await createOwnerWithPet(assistant, `restart${attempt}`)
          .then((r) => r.patient.id)
          .catch(() => sleep(100).then(() => ''));
      }
      const change = await stream.waitFor(isChange('patients', patientId), 2000);
      expect(stream.frames.indexOf(change)).toBeGreaterThan(afterResync);
    } finally {
      stream.close();
    }
  });
});
