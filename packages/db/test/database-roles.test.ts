import { auditLog, owners, systemUsers } from '@vetflow/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inAuditContext } from '../src/audit-context';
import type { Transaction } from '../src/client';
import * as queries from '../src/queries';
import { queryRows } from '../src/raw';
import type { DatabaseRole } from '../src/role-grants';
import { currentDatabaseRoles, type RuntimeConnection } from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { insertOwner, insertPatient, insertUser, recordRow, refused } from './helpers';

/**
 * Issue 10, defence in depth: the role matrix with the API's guard removed. Every call below is a query function
 * run directly in a transaction switched to a database role, exactly as the API's request transaction switches
 * (inAuditContext with the acting role) but with no API policy in front: what the matrix forbids, PostgreSQL
 * refuses on its own (42501, or row-level security leaving the row untouched).
 */

let owner: TestDbHandle;
let runtime: RuntimeConnection;
let roles: Record<DatabaseRole, string>;
const ids = {} as Record<'admin' | 'vet' | 'vet2' | 'assistant' | 'display' | 'patient' | 'owner', string>;
const records = {} as Record<'recent' | 'old' | 'colleagues', { id: string; updatedAt: Date }>;
const NOW = new Date('2030-01-10T12:00:00Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  owner = await createTestDb();
  runtime = await createTestRuntime(owner);
  roles = await currentDatabaseRoles(owner.db);
  ids.admin = (await insertUser(owner.db, { role: 'admin' })).id;
  ids.vet = (await insertUser(owner.db, { role: 'veterinarian' })).id;
  ids.vet2 = (await insertUser(owner.db, { role: 'veterinarian' })).id;
  ids.assistant = (await insertUser(owner.db, { role: 'assistant' })).id;
  ids.display = (await insertUser(owner.db, { role: 'display' })).id;
  const patient = await insertPatient(owner.db);
  ids.patient = patient.id;
  ids.owner = patient.ownerId;
  const record = async (vet: string, createdAt: Date) => {
    const row = await queries.createRecord(owner.db, { ...recordRow(patient.id, vet), notes: 'clinical' });
    const [moved] = await queryRows<{ updated_at: string | Date }>(
      owner.db,
      sql`update medical_records set created_at = ${createdAt.toISOString()}::timestamptz where id = ${row.id}
          returning updated_at`,
    );
    return { id: row.id, updatedAt: new Date(moved!.updated_at) };
  };
  records.recent = await record(ids.vet, new Date(NOW.getTime() - 2 * HOUR));
  records.old = await record(ids.vet, new Date(NOW.getTime() - 25 * HOUR));
  records.colleagues = await record(ids.vet2, new Date(NOW.getTime() - 2 * HOUR));
});
afterAll(async () => {
  if (runtime?.handle !== owner) await runtime?.handle.close();
  await owner?.close();
});

type Actor = 'admin' | 'vet' | 'vet2' | 'assistant' | 'display';
const ROLE_OF: Record<Actor, DatabaseRole> = {
  admin: 'admin',
  vet: 'veterinarian',
  vet2: 'veterinarian',
  assistant: 'assistant',
  display: 'display',
};

/** Runs `work` as the API's runtime connection switched to `actor`'s role: a write transaction unless `read`. */
function as<T>(actor: Actor | 'signin', work: (tx: Transaction) => Promise<T>, read = false): Promise<T> {
  return runtime.handle.db.transaction((tx) => {
    const userId = actor === 'signin' ? null : ids[actor];
    const role = roles[actor === 'signin' ? 'signin' : ROLE_OF[actor]];
    // As the API sends it: the switch with the work's first statement (inAuditContext).
    return inAuditContext(tx, { userId }, { role, readOnly: read, now: NOW }, () => work(tx));
  });
}

const refusedCode = async (statement: Promise<unknown>) => (await refused(statement)).code;

async function storedRecord(id: string) {
  const [row] = await queryRows<{ notes: string | null }>(
    owner.db,
    sql`select notes from medical_records where id = ${id}`,
  );
  return row!;
}

describe('assistant (summary of medical records only)', () => {
  it('cannot read the clinical columns of medical records, only the summary view', async () => {
    expect(await refusedCode(as('assistant', (tx) => queries.listRecordsForPatient(tx, ids.patient)))).toBe(
      '42501',
    );
    expect(await refusedCode(as('assistant', (tx) => queries.getRecordRow(tx, records.recent.id)))).toBe(
      '42501',
    );
    const summaries = await as(
      'assistant',
      (tx) => queries.listRecordSummariesForPatient(tx, ids.patient),
      true,
    );
    expect(summaries.map((s) => s.id).sort()).toEqual(
      Object.values(records)
        .map((r) => r.id)
        .sort(),
    );
    expect(Object.keys(summaries[0]!)).not.toContain('notes');
  });

  it('cannot write or amend a medical record', async () => {
    expect(
      await refusedCode(as('assistant', (tx) => queries.createRecord(tx, recordRow(ids.patient, ids.vet)))),
    ).toBe('42501');
    expect(
      await refusedCode(
        as('assistant', (tx) =>
          queries.amendRecord(tx, records.recent.id, records.recent.updatedAt, { notes: 'x' }),
        ),
      ),
    ).toBe('42501');
    expect((await storedRecord(records.recent.id)).notes).toBe('clinical');
  });

  it('cannot deactivate owners or patients, or mark a patient deceased', async () => {
    expect(await refusedCode(as('assistant', (tx) => queries.setOwnerActive(tx, ids.owner, false)))).toBe(
      '42501',
    );
    expect(await refusedCode(as('assistant', (tx) => queries.setPatientActive(tx, ids.patient, false)))).toBe(
      '42501',
    );
    expect(
      await refusedCode(as('assistant', (tx) => queries.markPatientDeceased(tx, ids.patient, NOW))),
    ).toBe('42501');
  });

  it('still does the desk work: owners, patients, appointments', async () => {
    const created = await as('assistant', (tx) =>
      queries.createOwner(tx, { firstName: 'Desk', lastName: 'Work', phone: '+1 555 010 9999' }),
    );
    const updated = await as('assistant', (tx) =>
      queries.updateOwner(tx, created.id, created.updatedAt, { notes: 'called back' }),
    );
    expect(updated.status).toBe('updated');
  });
});

describe('staff accounts and the audit log', () => {
  it('only an admin reads other accounts beyond names and roles; everyone reads their own in full', async () => {
    for (const actor of ['vet', 'assistant'] as const) {
      expect(await refusedCode(as(actor, (tx) => queries.listUsers(tx), true))).toBe('42501');
      expect(await refusedCode(as(actor, (tx) => queries.getUser(tx, ids.admin), true))).toBe('42501');
      const vets = await as(actor, (tx) => queries.listActiveVeterinarians(tx), true);
      expect(vets.map((v) => v.id)).toContain(ids.vet2);
      const own = await as(actor, (tx) => queries.getOwnAccount(tx), true);
      expect(own).toMatchObject({ id: ids[actor], email: expect.stringContaining('@') });
    }
    expect((await as('admin', (tx) => queries.listUsers(tx), true)).length).toBeGreaterThanOrEqual(4);
  });

  it('nobody reads a password hash but the sign-in role', async () => {
    for (const actor of ['admin', 'vet', 'assistant'] as const) {
      expect(await refusedCode(as(actor, (tx) => queries.getPasswordHash(tx, ids[actor]), true))).toBe(
        '42501',
      );
    }
    expect(await as('signin', (tx) => queries.getPasswordHash(tx, ids.vet), true)).toBe('not-a-real-hash');
  });

  it('a non-admin changes only their own account, and creates none', async () => {
    const other = await as('vet', (tx) =>
      tx.update(systemUsers).set({ fullName: 'Hijacked' }).where(eq(systemUsers.id, ids.vet2)).returning({
        id: systemUsers.id,
      }),
    );
    expect(other).toEqual([]);
    expect(await as('assistant', (tx) => queries.setUserPassword(tx, ids.admin, 'evil-hash', NOW))).toBe(
      false,
    );
    expect(await as('assistant', (tx) => queries.setUserPassword(tx, ids.assistant, 'new-hash', NOW))).toBe(
      true,
    );
    const [admin] = await owner.db
      .select({ passwordHash: systemUsers.passwordHash })
      .from(systemUsers)
      .where(eq(systemUsers.id, ids.admin));
    expect(admin!.passwordHash).toBe('not-a-real-hash');
    expect(
      await refusedCode(
        as('vet', (tx) =>
          queries.createUser(tx, {
            username: 'intruder',
            email: 'intruder@vetflow.example',
            fullName: 'In Truder',
            role: 'admin',
            passwordHash: 'x',
          }),
        ),
      ),
    ).toBe('42501');
  });

  it('only an admin reads the audit log; everyone sees who changed a record and when', async () => {
    for (const actor of ['vet', 'assistant'] as const) {
      expect(await refusedCode(as(actor, (tx) => queries.listAudit(tx, { limit: 10 }), true))).toBe('42501');
      const last = await as(actor, (tx) => queries.lastChange(tx, 'patients', ids.patient), true);
      expect(last).not.toBeNull();
    }
    expect(
      (await as('admin', (tx) => queries.listAudit(tx, { limit: 10 }), true)).items.length,
    ).toBeGreaterThan(0);
  });

  it('nobody writes the audit log but the database itself', async () => {
    for (const actor of ['admin', 'vet', 'assistant', 'signin'] as const) {
      expect(
        await refusedCode(as(actor, (tx) => tx.insert(auditLog).values({ action: 'login', rowHash: '' }))),
      ).toBe('42501');
      expect(await refusedCode(as(actor, (tx) => tx.execute(sql`update audit_log set ip = null`)))).toBe(
        '42501',
      );
      expect(await refusedCode(as(actor, (tx) => tx.execute(sql`delete from audit_log`)))).toBe('42501');
    }
    // The one way in for auth events writes only auth events, attributed to the acting user.
    expect(
      await refusedCode(
        as('admin', (tx) =>
          tx.execute(sql`select vetflow_record_auth_event('update', null, null, null, null, null)`),
        ),
      ),
    ).toBe('42501');
    await as('vet', (tx) =>
      queries.recordAuthEvent(tx, {
        action: 'logout',
        subjectUserId: ids.vet,
        context: { requestId: 'r-1' },
      }),
    );
    const [event] = await queryRows<{ user_id: string; action: string }>(
      owner.db,
      sql`select user_id, action from audit_log where request_id = 'r-1'`,
    );
    expect(event).toEqual({ user_id: ids.vet, action: 'logout' });
  });
});

describe('veterinarian (own records, within 24 hours)', () => {
  it('writes records in their own name only', async () => {
    const own = await as('vet', (tx) => queries.createRecord(tx, recordRow(ids.patient, ids.vet)));
    expect(own.veterinarianId).toBe(ids.vet);
    expect(
      await refusedCode(as('vet', (tx) => queries.createRecord(tx, recordRow(ids.patient, ids.vet2)))),
    ).toBe('42501');
  });

  it("amends their own recent record, never a colleague's or one past 24 hours", async () => {
    const amend = (record: { id: string; updatedAt: Date }) =>
      as('vet', (tx) => queries.amendRecord(tx, record.id, record.updatedAt, { notes: 'amended' }));
    expect((await amend(records.colleagues)).status).not.toBe('updated');
    expect((await amend(records.old)).status).not.toBe('updated');
    expect((await storedRecord(records.colleagues.id)).notes).toBe('clinical');
    expect((await storedRecord(records.old.id)).notes).toBe('clinical');
    expect((await amend(records.recent)).status).toBe('updated');
    expect((await storedRecord(records.recent.id)).notes).toBe('amended');
  });

  it('may mark a patient deceased but not deactivate owners, nor manage appointment types', async () => {
    expect(await refusedCode(as('vet', (tx) => queries.setOwnerActive(tx, ids.owner, false)))).toBe('42501');
    expect(
      await refusedCode(
        as('vet', (tx) => queries.createAppointmentType(tx, { name: 'Spa', defaultMinutes: 30 })),
      ),
    ).toBe('42501');
    const other = await insertPatient(owner.db);
    const marked = await as('vet', (tx) => queries.markPatientDeceased(tx, other.id, NOW));
    expect(marked?.patient?.deceasedAt).toEqual(NOW);
  });
});

describe('admin', () => {
  it('reads full records but writes none', async () => {
    const full = await as('admin', (tx) => queries.listRecordsForPatient(tx, ids.patient), true);
    expect(full.some((r) => r.notes === 'clinical')).toBe(true);
    expect(
      await refusedCode(as('admin', (tx) => queries.createRecord(tx, recordRow(ids.patient, ids.admin)))),
    ).toBe('42501');
    expect(
      await refusedCode(
        as('admin', (tx) => queries.amendRecord(tx, records.recent.id, new Date(), { notes: 'admin' })),
      ),
    ).toBe('42501');
  });

  it('deactivates owners and manages staff', async () => {
    const target = await insertOwner(owner.db);
    expect((await as('admin', (tx) => queries.setOwnerActive(tx, target.id, false)))?.isActive).toBe(false);
  });
});

describe('a read is read-only', () => {
  it('refuses every write in a query transaction, whatever the role', async () => {
    for (const actor of ['admin', 'vet', 'assistant'] as const) {
      const write = as(
        actor,
        (tx) => tx.insert(owners).values({ firstName: 'Read', lastName: 'Only', phone: '+1 555 010 0000' }),
        true,
      );
      expect(await refusedCode(write)).toBe('25006');
    }
  });
});

describe('display (the waiting-room board only)', () => {
  it('reads the board: today’s visits’ times and status, and the pet’s name and species', async () => {
    await owner.db.execute(
      sql`update patients set name = 'Board Pet', species = 'Dog' where id = ${ids.patient}`,
    );
    await owner.db.execute(
      sql`insert into appointments (patient_id, veterinarian_id, starts_at, ends_at, reason, status, checked_in_at)
          values (${ids.patient}, ${ids.vet}, ${NOW.toISOString()}::timestamptz,
                  ${new Date(NOW.getTime() + HOUR / 2).toISOString()}::timestamptz, 'Secret reason', 'checked_in',
                  ${new Date(NOW.getTime() - HOUR / 4).toISOString()}::timestamptz)`,
    );
    const board = await as(
      'display',
      (tx) =>
        queries.listWaitingRoom(tx, {
          from: new Date(NOW.getTime() - 12 * HOUR),
          to: new Date(NOW.getTime() + 12 * HOUR),
          now: NOW,
          readyForMs: HOUR,
        }),
      true,
    );
    expect(board).toEqual([
      {
        appointmentId: expect.any(String),
        petName: 'Board Pet',
        species: 'Dog',
        state: 'waiting',
        since: new Date(NOW.getTime() - HOUR / 4),
      },
    ]);
  });

  it('reaches no owner, no clinical or free text, no staff directory and no audit log', async () => {
    const reads = [
      sql`select first_name from owners`,
      sql`select phone from owners`,
      sql`select owner_id from patients`,
      sql`select allergies from patients`,
      sql`select reason from appointments`,
      sql`select notes from appointments`,
      sql`select veterinarian_id from appointments`,
      sql`select id from medical_records`,
      sql`select id from medical_records_summary`,
      sql`select username from system_users`,
      sql`select email from system_users`,
      sql`select id from audit_log`,
    ];
    for (const read of reads) {
      expect(await refusedCode(as('display', (tx) => tx.execute(read), true)), String(read.queryChunks)).toBe(
        '42501',
      );
    }
    expect(
      await refusedCode(as('display', (tx) => queries.listOwners(tx, { active: 'active', limit: 10 }), true)),
    ).toBe('42501');
    expect(
      await refusedCode(as('display', (tx) => queries.listRecordSummariesForPatient(tx, ids.patient), true)),
    ).toBe('42501');
  });

  it('writes nothing of the clinic', async () => {
    expect(
      await refusedCode(
        as('display', (tx) => tx.execute(sql`update patients set name = 'X' where id = ${ids.patient}`)),
      ),
    ).toBe('42501');
    expect(
      await refusedCode(
        as('display', (tx) => tx.execute(sql`update appointments set status = 'completed' where false`)),
      ),
    ).toBe('42501');
    expect(
      await refusedCode(
        as('display', (tx) =>
          tx.update(systemUsers).set({ role: 'admin' }).where(eq(systemUsers.id, ids.display)),
        ),
      ),
    ).toBe('42501');
  });
});

describe('sign-in role and the runtime role on its own', () => {
  it('the sign-in role finds users and sessions, and reaches no clinic data', async () => {
    expect(
      (await as('signin', (tx) => queries.findUserForLogin(tx, 'no-such-user'), true)) ?? null,
    ).toBeNull();
    expect(
      await refusedCode(as('signin', (tx) => queries.listOwners(tx, { active: 'active', limit: 10 }), true)),
    ).toBe('42501');
    expect(
      await refusedCode(as('signin', (tx) => queries.listRecordSummariesForPatient(tx, ids.patient), true)),
    ).toBe('42501');
    expect(await refusedCode(as('signin', (tx) => queries.listAudit(tx, { limit: 10 }), true))).toBe('42501');
    expect(
      await refusedCode(
        as('signin', (tx) =>
          tx.update(systemUsers).set({ role: 'admin' }).where(eq(systemUsers.id, ids.vet)),
        ),
      ),
    ).toBe('42501');
  });

  it('the runtime role, not switched, reads no clinic data and no sessions', async () => {
    // PGlite's test connection stays the owner's (roles.ts): switched to the runtime role for the session here,
    // as the real start-up does.
    const shared = runtime.handle === owner;
    const db = runtime.handle.db;
    if (shared) await db.execute(sql.raw(`set role "${roles.runtime}"`));
    try {
      const [me] = await queryRows<{ role: string }>(db, sql`select current_user as role`);
      expect(me!.role).toBe(roles.runtime);
      expect(await refusedCode(queries.listOwners(db, { active: 'active', limit: 10 }))).toBe('42501');
      expect(await refusedCode(db.execute(sql`select id from sessions`))).toBe('42501');
      expect(await refusedCode(db.execute(sql`select email from system_users`))).toBe('42501');
    } finally {
      if (shared) await db.execute(sql`reset role`);
    }
  });
});
