import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { createOwnerWithPet } from '../support/fixtures';
import { isChange, openLive } from '../support/live';

/**
 * Issue 11: the database listener survives a lost connection. The API reaches PostgreSQL through a TCP proxy the
 * test cuts; when the listener is back, every open stream gets `resync` (notifications sent meanwhile are gone)
 * and then live events again. PGlite is in-process and cannot lose its connection.
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
});
