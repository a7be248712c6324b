import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAuditContext } from '../src/audit-context';
import { queryRows } from '../src/raw';
import {
  checkServingRole,
  connectRuntime,
  currentDatabaseRoles,
  ensureRuntimeRole,
  type RuntimeConnection,
  RuntimeRoleError,
  runtimeRoleName,
} from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { refused } from './helpers';

describe('the runtime database role (issue 7 #10, issue 10)', () => {
  let owner: TestDbHandle;
  let runtime: RuntimeConnection;

  beforeAll(async () => {
    owner = await createTestDb();
    // PGlite: the real start-up, its one connection switched to the runtime role for good (createTestRuntime
    // keeps it the owner's, for tests that set up data through it).
    runtime =
      owner.kind === 'pglite' ? await connectRuntime(owner, undefined) : await createTestRuntime(owner);
  });
  afterAll(async () => {
    if (runtime?.handle !== owner) await runtime?.handle.close();
    await owner?.close();
  });

  const db = () => runtime.handle.db;

  it('is a separate role named after the database, not a superuser, and owns nothing', async () => {
    const [row] = await queryRows<{ database: string; superuser: boolean; owned: number }>(
      db(),
      sql`select current_database() as database, r.rolsuper as superuser,
            (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
          from pg_roles r where r.rolname = current_user`,
    );
    expect(runtime.role).toBe(runtimeRoleName(row!.database));
    expect(runtime.superuser).toBe(false);
    expect(row).toMatchObject({ superuser: false, owned: 0 });
  });

  it('on its own reads no clinic data and writes no audit row; switched to a staff role it works, audited', async () => {
    expect((await refused(db().execute(sql`select id from owners`))).code).toBe('42501');
    expect((await refused(db().execute(sql`insert into audit_log (action) values ('login')`))).code).toBe(
      '42501',
    );
    const roles = await currentDatabaseRoles(db());
    const id = await db().transaction(async (tx) => {
      await setAuditContext(tx, { userId: null, requestId: 'runtime-role-test' }, { role: roles.assistant });
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into owners (first_name, last_name, phone) values ('Rita', 'Role', '+1 555 010 2030') returning id`,
      );
      return row!.id;
    });
    const audit = await db().transaction(async (tx) => {
      await setAuditContext(tx, { userId: null }, { role: roles.admin, readOnly: true });
      return queryRows(tx, sql`select action, request_id from audit_log where record_id = ${id}`);
    });
    expect(audit).toEqual([{ action: 'insert', request_id: 'runtime-role-test' }]);
    expect((await refused(db().execute(sql`select id from record_changes`))).code).toBe('42501');
  });

  it('cannot change, delete or truncate audit rows', async () => {
    expect((await refused(db().execute(sql`update audit_log set ip = null`))).code).toBe('42501');
    expect((await refused(db().execute(sql`delete from audit_log`))).code).toBe('42501');
    expect((await refused(db().execute(sql`truncate audit_log`))).code).toBe('42501');
  });

  it('cannot truncate, alter, disable triggers, drop or create tables', async () => {
    expect((await refused(db().execute(sql`truncate owners`))).code).toBe('42501');
    expect((await refused(db().execute(sql`alter table owners disable trigger owners_audit`))).code).toBe(
      '42501',
    );
    expect((await refused(db().execute(sql`alter table audit_log disable trigger all`))).code).toBe('42501');
    expect((await refused(db().execute(sql`drop table sessions`))).code).toBe('42501');
    expect((await refused(db().execute(sql`create table intruder (id int)`))).code).toBe('42501');
  });

  it('refuses to serve as a superuser unless explicitly allowed', async () => {
    const superuser = await createTestDb();
    try {
      await expect(checkServingRole(superuser)).rejects.toBeInstanceOf(RuntimeRoleError);
      await expect(checkServingRole(superuser, true)).resolves.toMatchObject({ superuser: true });
      if (superuser.url) {
        // RUNTIME_DATABASE_URL naming a superuser is refused at start-up too.
        await expect(
          connectRuntime(superuser, superuser.url, { runtimeUrl: superuser.url, keepOwner: true }),
        ).rejects.toThrow(/Refusing to serve as the database superuser/);
      }
    } finally {
      await superuser.close();
    }
  });

  it('grants again idempotently, and refuses a later table the role matrix does not name', async () => {
    // PGlite has one connection, switched to the runtime role: back to the owner for the migration's DDL.
    const shared = runtime.handle === owner;
    if (shared) await owner.db.execute(sql`reset role`);
    await owner.db.execute(sql`create table later_table (id int)`);
    try {
      await expect(ensureRuntimeRole(owner)).rejects.toThrow(RuntimeRoleError);
      await expect(ensureRuntimeRole(owner)).rejects.toHaveProperty(
        'cause.message',
        expect.stringContaining('does not name the table "later_table"'),
      );
    } finally {
      await owner.db.execute(sql`drop table later_table`);
    }
    await ensureRuntimeRole(owner);
    if (shared) await owner.db.execute(sql.raw(`set role "${runtime.role}"`));
    expect((await refused(db().execute(sql`select id from owners`))).code).toBe('42501');
  });
});
