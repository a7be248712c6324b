import { type ChangeEvent, type Executor, queries, queryRows, setAuditContext } from '@vetflow/db';
import { createTestDb, type TestDbHandle } from '@vetflow/db/testing';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditWatcher } from '../../src/live/audit-watcher';

/**
 * Issue 12 (audited writes at 8 writers): audit rows send no NOTIFY (0023); the API reads the log while an admin
 * listens and announces new rows once per round. Driven round by round (`tick`), on either engine.
 */
let handle: TestDbHandle;
let written = 0;
beforeAll(async () => {
  handle = await createTestDb();
}, 60_000);
afterAll(() => handle?.close());

/** One owner created in its own audited transaction: one audit row. */
async function writeAuditRow(db: Executor = handle.db) {
  await db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: 'audit-watcher-test' });
    await queries.createOwner(tx, {
      firstName: `Watched${++written}`,
      lastName: 'Owner',
      phone: '+1 555 010 2030',
      email: `watched${written}@example.com`,
    });
  });
}

async function newestAuditId() {
  const [row] = await queryRows<{ id: string }>(handle.db, sql`select max(id)::text as id from audit_log`);
  return Number(row!.id);
}

function watcher(listening: { value: boolean }) {
  const events: ChangeEvent[] = [];
  const w = new AuditWatcher(
    handle.db,
    () => listening.value,
    (e) => events.push(e),
    pino({ level: 'silent' }),
  );
  return { w, events };
}

describe('the audit watcher', () => {
  it('reads nothing while nobody listens, then announces only the newest row of each round', async () => {
    const listening = { value: false };
    const { w, events } = watcher(listening);
    await writeAuditRow();
    await w.tick();
    expect(events).toEqual([]);
    listening.value = true;
    // The first round only finds its place: what came before the admin listened is on the page they load.
    await w.tick();
    expect(events).toEqual([]);
    await writeAuditRow();
    await writeAuditRow();
    await writeAuditRow();
    await w.tick();
    const newest = await newestAuditId();
    expect(events).toEqual([
      { table: 'audit_log', id: String(newest), kind: 'insert', version: expect.any(Number) },
    ]);
    // Nothing new: nothing said.
    await w.tick();
    expect(events).toHaveLength(1);
  });

  it('after a pause, announces once what arrived while nobody listened', async () => {
    const listening = { value: true };
    const { w, events } = watcher(listening);
    await w.tick();
    listening.value = false;
    await w.tick();
    await writeAuditRow();
    await writeAuditRow();
    await w.tick();
    expect(events).toEqual([]);
    listening.value = true;
    await w.tick();
    expect(events.map((e) => e.id)).toEqual([String(await newestAuditId())]);
  });
});
