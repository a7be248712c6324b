import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listAudit } from '../src/queries';
import { queryRows } from '../src/raw';
import { createTestDb } from '../src/testing';
import { insertOwner, insertPatient } from './helpers';

// The timeline and a record's trail on the partitioned audit log (issue 12): their statements must earn a
// generic plan. With the page size bound as a parameter PostgreSQL planned them again on every call, over every
// month's partition: at 77 months that planning cost more than running the statement. PostgreSQL only: PGlite's
// driver does not keep prepared statements.

let handle: DbHandle;
let db: Database;
let patientId: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  await db.execute(sql`select vetflow_ensure_audit_partitions(3, now() - interval '24 months')`);
  patientId = (await insertPatient(db)).id;
});
afterAll(() => handle?.close());

interface PreparedStatement {
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

describe('the audit timeline on the partitioned log', () => {
  it('runs its statements with a generic plan once prepared, the page size written in the text', async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const statements = await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) {
        await listAudit(tx, { limit: 50 });
        await listAudit(tx, { tableName: 'patients', recordId: patientId, limit: 20 });
      }
      return queryRows<PreparedStatement>(
        tx,
        sql`select statement, generic_plans::int, custom_plans::int from pg_prepared_statements
            where statement like '%from "audit_log"%'`,
      );
    });
    const timeline = statements.find((s) => !s.statement.includes('"record_id" ='));
    const trail = statements.find((s) => s.statement.includes('"record_id" ='));
    expect(timeline?.statement).toMatch(/limit 51$/);
    expect(trail?.statement).toMatch(/limit 21$/);
    for (const s of [timeline!, trail!]) {
      expect(s.generic_plans).toBeGreaterThan(0);
      // PostgreSQL tries custom plans five times before it compares them with the generic one.
      expect(s.custom_plans).toBeLessThanOrEqual(5);
    }
  });

  it('pages the whole timeline newest first, and a trail holds its record only', async () => {
    for (let i = 0; i < 4; i++) await insertOwner(db);
    const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from audit_log`,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listAudit(db, { limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const trail = await listAudit(db, { tableName: 'patients', recordId: patientId, limit: 5 });
    expect(trail.items.map((r) => r.recordId)).toEqual([patientId]);
  });
});
