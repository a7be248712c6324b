import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/raw';
import {
  checkServingRole,
  connectRuntime,
  type RuntimeConnection,
  RuntimeRoleError,
  runtimeRoleName,
} from '../src/roles';
import { createTestDb, createTestRuntime, type TestDbHandle } from '../src/testing';
import { refused } from './helpers';

describe('the runtime database role (issue 7 #10)', () => {
  let owner: TestDbHandle;
  let runtime: RuntimeConnection;

  beforeAll(async () => {
    owner = await createTestDb();
    runtime = await createTestRuntime(owner);
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

  it('writes data, and the audit triggers still record it; it may append an audit row itself', async () => {
    const [owner1] = await queryRows<{ id: string }>(
      db(),
      sql`insert into owners (first_name, last_name, phone) values ('Rita', 'Role', '+1 555 010 2030') returning id`,
    );
    const audit = await queryRows(db(), sql`select action from audit_log where record_id = ${owner1!.id}`);
    expect(audit.length).toBe(1);
    await db().execute(sql`insert into audit_log (action, table_name) values ('login', 'system_users')`);
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

  it('grants again idempotently after a later migration adds a table', async () => {
    // PGlite has one connection, switched to the runtime role: back to the owner for the migration's DDL.
    const shared = runtime.handle === owner;
    if (shared) await owner.db.execute(sql`reset role`);
    await owner.db.execute(sql`create table later_table (id int)`);
    const again = await createTestRuntime(owner);
    try {
      await again.handle.db.execute(sql`insert into later_table values (1)`);
      expect((await refused(again.handle.db.execute(sql`truncate later_table`))).code).toBe('42501');
    } finally {
      if (again.handle !== owner) await again.handle.close();
    }
  });
});
