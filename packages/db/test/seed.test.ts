import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { verifyPassword } from '../src/passwords';
import { queryRows } from '../src/raw';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo';
import { createTestDb } from '../src/testing';

// The demo seed is what a new developer and the demo site see: it must be repeatable (seeding twice changes
// nothing), deterministic (same `now`, same clinic) and plausible (the rows the screens need).

const NOW = new Date(2026, 2, 18, 11, 20); // a fixed local time: a Wednesday late morning
const DAY = 24 * 60 * 60 * 1000;
const BUSINESS_TABLES = ['system_users', 'owners', 'patients', 'appointments', 'medical_records'] as const;

// Columns the database fills in at insert time (or secrets with random salts): not part of the seed's content.
const VOLATILE: Record<(typeof BUSINESS_TABLES)[number], string[]> = {
  system_users: ['password_hash', 'password_changed_at', 'created_at', 'updated_at'],
  owners: ['created_at', 'updated_at'],
  patients: ['created_at', 'updated_at'],
  appointments: ['created_at', 'updated_at'],
  medical_records: [],
};

async function counts(db: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of [...BUSINESS_TABLES, 'audit_log']) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    result[table] = row!.n;
  }
  return result;
}

/** Every row of a table as JSON without its volatile columns, in id order. */
async function content(db: Database, table: (typeof BUSINESS_TABLES)[number]) {
  const drop = VOLATILE[table].map((column) => ` - '${column}'`).join('');
  return queryRows<{ row: Record<string, unknown> }>(
    db,
    sql`select to_jsonb(t)${sql.raw(drop)} as row from ${sql.identifier(table)} t order by t.id`,
  );
}

let first: DbHandle;
let second: DbHandle;
let result: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDb(), createTestDb()]);
  result = await seedDemo(first.db, { now: NOW });
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

describe('seedDemo', () => {
  it('changes nothing when run a second time', async () => {
    const before = await counts(first.db);
    expect(before.audit_log).toBeGreaterThan(0);
    const snapshot = await content(first.db, 'appointments');

    await seedDemo(first.db, { now: NOW });
    expect(await counts(first.db)).toEqual(before);
    expect(await content(first.db, 'appointments')).toEqual(snapshot);
  });

  it('reports the rows it created', async () => {
    const actual = await counts(first.db);
    expect(result).toEqual({
      users: actual.system_users,
      owners: actual.owners,
      patients: actual.patients,
      appointments: actual.appointments,
      medicalRecords: actual.medical_records,
    });
  });

  it('builds the same clinic in two fresh databases for the same `now`', async () => {
    await seedDemo(second.db, { now: NOW });
    for (const table of BUSINESS_TABLES) {
      const [a, b] = await Promise.all([content(first.db, table), content(second.db, table)]);
      expect(a.length, table).toBeGreaterThan(0);
      expect(b, table).toEqual(a);
    }
  });

  it('creates the demo accounts (four staff and the waiting-room display), each signing in with the demo password', async () => {
    const users = await queryRows<{ username: string; role: string; hash: string; active: boolean }>(
      first.db,
      sql`select username::text, role::text, password_hash as hash, is_active as active
            from system_users order by username`,
    );
    expect(users.map(({ username, role, active }) => ({ username, role, active }))).toEqual([
      { username: 'admin', role: 'admin', active: true },
      { username: 'assistant', role: 'assistant', active: true },
      { username: 'lobby', role: 'display', active: true },
      { username: 'vet', role: 'veterinarian', active: true },
      { username: 'vet2', role: 'veterinarian', active: true },
    ]);
    for (const { username, hash } of users) {
      expect(hash, username).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash, DEMO_PASSWORD), username).toBe(true);
      expect(await verifyPassword(hash, 'not-the-password'), username).toBe(false);
    }
  });

  it('creates owners and patients, some patients with allergies', async () => {
    const [row] = await queryRows<{ owners: number; patients: number; allergic: number; orphans: number }>(
      first.db,
      sql`select (select count(*)::int from owners) as owners,
                 (select count(*)::int from patients) as patients,
                 (select count(*)::int from patients where jsonb_array_length(allergies) > 0) as allergic,
                 (select count(*)::int from owners o where not exists
                    (select 1 from patients p where p.owner_id = o.id)) as orphans`,
    );
    expect(row!.owners).toBeGreaterThanOrEqual(18);
    expect(row!.owners).toBeLessThanOrEqual(25);
    expect(row!.patients).toBe(35);
    expect(row!.allergic).toBeGreaterThan(0);
    expect(row!.allergic).toBeLessThan(35);
    expect(row!.orphans).toBe(0);
  });

  it('spreads appointments from three days before `now` to three days after', async () => {
    const [row] = await queryRows<{ first: Date | string; last: Date | string; future_done: number }>(
      first.db,
      sql`select min(starts_at) as first, max(starts_at) as last,
                 count(*) filter (where (starts_at > ${NOW.toISOString()}::timestamptz
                                         and status in ('in_progress', 'completed', 'no_show'))
                                     or (starts_at > ${NOW.toISOString()}::timestamptz + interval '20 minutes'
                                         and status = 'checked_in'))::int as future_done
            from appointments`,
    );
    const today = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate());
    const dayStart = (offset: number) =>
      new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset).getTime();
    const firstAt = new Date(row!.first).getTime();
    const lastAt = new Date(row!.last).getTime();
    expect(firstAt).toBeGreaterThanOrEqual(dayStart(-3));
    expect(firstAt).toBeLessThan(dayStart(-2));
    expect(lastAt).toBeGreaterThanOrEqual(dayStart(3));
    expect(lastAt).toBeLessThan(dayStart(4));
    expect(lastAt - firstAt).toBeGreaterThan(5 * DAY);
    // Statuses fit the clock: nothing later than `now` has happened yet (a patient may check in early).
    expect(row!.future_done).toBe(0);
  });

  it('gives every patient a history of medical records with weights', async () => {
    const [row] = await queryRows<{ records: number; weighed: number; patients_with_history: number }>(
      first.db,
      sql`select count(*)::int as records, count(weight_kg)::int as weighed,
                 (select count(*)::int from (select patient_id from medical_records
                    group by patient_id having count(*) >= 2) h) as patients_with_history
            from medical_records`,
    );
    expect(row!.records).toBeGreaterThanOrEqual(70);
    expect(row!.weighed).toBe(row!.records);
    expect(row!.patients_with_history).toBe(35);
  });

  it('is recorded in the audit log as a change made outside the API, request demo-seed', async () => {
    const rows = await queryRows<{ request_id: string | null; user_id: string | null; n: number }>(
      first.db,
      sql`select request_id, user_id, count(*)::int as n from audit_log group by 1, 2`,
    );
    const total = (await counts(first.db)).audit_log;
    expect(rows).toEqual([{ request_id: 'demo-seed', user_id: null, n: total }]);
  });
});
