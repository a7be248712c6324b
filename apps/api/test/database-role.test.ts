import { queryRows, runtimeRoleName } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

/** Issue 7 #10: the API serves through a runtime role that owns nothing and is not a superuser. */
describe('the API serves as the runtime database role', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs its queries as the runtime role, and the audit trigger still records them', async () => {
    const [{ database } = { database: '' }] = await queryRows<{ database: string }>(
      t.db,
      sql`select current_database() as database`,
    );
    // PGlite: the harness keeps the one connection the owner's for set-up (roles.ts); each request still switches
    // to its staff role (packages/db test/database-roles), and the browser tests run the real start-up.
    if (t.kind === 'postgres') expect(t.role).toBe(runtimeRoleName(database));
    const vet = await t.signIn('vet');
    const owner = await vet.trpc.owners.create.mutate({
      firstName: 'Rolf',
      lastName: 'Role',
      phone: '+1 555 010 2030',
    });
    const audit = await queryRows<{ user_id: string }>(
      t.db,
      sql`select user_id from audit_log where table_name = 'owners' and record_id = ${owner.id}`,
    );
    expect(audit).toEqual([{ user_id: t.users.vet.id }]);
    // Who the server's connections log in as (PostgreSQL): the runtime role, whatever role a request switches to.
    if (t.kind === 'postgres') {
      const users = await queryRows<{ name: string }>(
        t.db,
        sql`select distinct usename as name from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and application_name = 'vetflow'`,
      );
      expect(users.map((u) => u.name)).toEqual([t.role]);
    }
  });
});
