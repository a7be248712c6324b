import { owners } from '@vetflow/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inAuditContext } from '../src/audit-context';
import { queryRows } from '../src/raw';
import type { DatabaseRole } from '../src/role-grants';
import { currentDatabaseRoles, type RuntimeConnection } from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { insertUser, pgFailure, unique } from './helpers';

/**
 * inAuditContext sends a request transaction's audit context and role switch together with the work's first
 * statement instead of waiting for it (one round trip less per transaction). What must hold regardless: the
 * work runs after the switch, as the role and with the context; a context that fails stops the work's
 * statements and is the error reported; and the work's own failure is reported as it is.
 */

let owner: TestDbHandle;
let runtime: RuntimeConnection;
let roles: Record<DatabaseRole, string>;
let vetId: string;
const NOW = new Date('2030-01-10T12:00:00Z');

beforeAll(async () => {
  owner = await createTestDb();
  runtime = await createTestRuntime(owner);
  roles = await currentDatabaseRoles(owner.db);
  vetId = (await insertUser(owner.db, { role: 'veterinarian' })).id;
});
afterAll(async () => {
  if (runtime?.handle !== owner) await runtime?.handle.close();
  await owner?.close();
});

interface Seen {
  role: string;
  user_id: string;
  request_id: string;
  read_only: string;
  now: string;
}
const seenByFirstStatement = sql`select current_user as role, current_setting('app.user_id') as user_id,
  current_setting('app.request_id') as request_id, current_setting('transaction_read_only') as read_only,
  current_setting('app.now') as now`;

describe('inAuditContext', () => {
  it("runs the work's first statement after the switch: as the role, with the context, read-only for a read", async () => {
    const [seen] = await runtime.handle.db.transaction((tx) =>
      inAuditContext(
        tx,
        { userId: vetId, requestId: 'req-ctx-1' },
        { role: roles.veterinarian, readOnly: true, now: NOW },
        () => queryRows<Seen>(tx, seenByFirstStatement),
      ),
    );
    expect(seen).toEqual({
      role: roles.veterinarian,
      user_id: vetId,
      request_id: 'req-ctx-1',
      read_only: 'on',
      now: NOW.toISOString(),
    });
  });

  it('starts the work without waiting for the context statement to answer', async () => {
    let started = false;
    await runtime.handle.db.transaction((tx) => {
      const running = inAuditContext(
        tx,
        { userId: vetId },
        { role: roles.veterinarian, now: NOW },
        async () => {
          started = true;
          return queryRows<Seen>(tx, seenByFirstStatement);
        },
      );
      // Called in the same turn, before any answer could have come back: its statement goes out behind the context's.
      expect(started).toBe(true);
      return running;
    });
  });

  it('sends the statements of work that start at once (a chart read) after the switch too', async () => {
    const rows = await runtime.handle.db.transaction((tx) =>
      inAuditContext(tx, { userId: vetId }, { role: roles.veterinarian, readOnly: true, now: NOW }, () =>
        Promise.all([queryRows<Seen>(tx, seenByFirstStatement), queryRows<Seen>(tx, seenByFirstStatement)]),
      ),
    );
    expect(rows.map(([row]) => row!.role)).toEqual([roles.veterinarian, roles.veterinarian]);
  });

  it("reports a failed context, not the work's aborted statements, and the work's write never happens", async () => {
    const lastName = `NeverWritten${unique()}`;
    let workFailure: unknown;
    const failure = await runtime.handle.db
      .transaction((tx) =>
        inAuditContext(tx, { userId: vetId }, { role: 'vetflow_no_such_role', now: NOW }, async () => {
          try {
            return await tx.insert(owners).values({ firstName: 'Ada', lastName, phone: '555-0100' });
          } catch (error) {
            workFailure = error;
            throw error;
          }
        }),
      )
      .then(
        () => null,
        (error: unknown) => pgFailure(error),
      );
    expect(failure?.message).toMatch(/role "vetflow_no_such_role" does not exist/);
    // The insert went out behind the failed switch and was refused as part of an aborted transaction (25P02).
    expect(pgFailure(workFailure).code).toBe('25P02');
    const written = await owner.db.select().from(owners).where(eq(owners.lastName, lastName));
    expect(written).toEqual([]);
  });

  it("reports the work's own failure when the context was set", async () => {
    const failure = await runtime.handle.db
      .transaction((tx) =>
        inAuditContext(tx, { userId: vetId }, { role: roles.veterinarian, readOnly: true, now: NOW }, () =>
          tx.insert(owners).values({ firstName: 'Ada', lastName: `ReadOnly${unique()}`, phone: '555-0101' }),
        ),
      )
      .then(
        () => null,
        (error: unknown) => pgFailure(error),
      );
    // A write in a read's transaction: refused by the read-only switch the context made.
    expect(failure?.code).toBe('25006');
  });

  it('returns what the work returns, and commits its write', async () => {
    const lastName = `Written${unique()}`;
    const inserted = await runtime.handle.db.transaction((tx) =>
      inAuditContext(
        tx,
        { userId: vetId, requestId: 'req-ctx-write' },
        { role: roles.veterinarian, now: NOW },
        () => tx.insert(owners).values({ firstName: 'Ada', lastName, phone: '555-0102' }).returning(),
      ),
    );
    expect(inserted[0]?.lastName).toBe(lastName);
    const [audit] = await queryRows<{ user_id: string; request_id: string }>(
      owner.db,
      sql`select user_id::text, request_id from audit_log where table_name = 'owners' and record_id = ${inserted[0]!.id}`,
    );
    expect(audit).toEqual({ user_id: vetId, request_id: 'req-ctx-write' });
  });
});
