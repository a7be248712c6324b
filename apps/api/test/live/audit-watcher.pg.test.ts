import { type ChangeEvent, queries, queryRows, setAuditContext } from '@vetflow/db';
import { createTestDb, type TestDbHandle } from '@vetflow/db/testing';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditWatcher } from '../../src/live/audit-watcher';

/**
 * Ids are drawn when a row is written and become visible at commit, so a row can appear after a later one. The
 * watcher looks again for the ids it saw skipped: such a row is announced when its transaction commits.
 * PostgreSQL only: two transactions at once need two connections.
 */
let handle: TestDbHandle;
beforeAll(async () => {
  handle = await createTestDb();
}, 60_000);
afterAll(() => handle?.close());

it('announces a row whose transaction commits after a later row was already announced', async () => {
  const events: ChangeEvent[] = [];
  const watcher = new AuditWatcher(
    handle.db,
    () => true,
    (e) => events.push(e),
    pino({ level: 'silent' }),
  );
  await watcher.tick();
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let slowId = 0;
  let slowWritten!: () => void;
  const slowHasWritten = new Promise<void>((resolve) => {
    slowWritten = resolve;
  });
  const slow = handle.db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: 'slow' });
    await queries.createOwner(tx, { firstName: 'Slow', lastName: 'Owner', phone: '+1 555 010 2030' });
    const [row] = await queryRows<{ id: string }>(tx, sql`select max(id)::text as id from audit_log`);
    slowId = Number(row!.id);
    slowWritten();
    await held;
  });
  await slowHasWritten;
  await handle.db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: 'fast' });
    await queries.createOwner(tx, { firstName: 'Fast', lastName: 'Owner', phone: '+1 555 010 2030' });
  });
  await watcher.tick();
  expect(events).toHaveLength(1);
  expect(Number(events[0]!.id)).toBeGreaterThan(slowId);
  release();
  await slow;
  await watcher.tick();
  expect(events.map((e) => Number(e.id))).toEqual([Number(events[0]!.id), slowId]);
  // Found once, it is not looked for again.
  await watcher.tick();
  expect(events).toHaveLength(2);
});
