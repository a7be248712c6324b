import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { queryRows, runtimeRoleName } from '@vetflow/db';
import { createTestDb, testDatabaseUrl } from '@vetflow/db/testing';
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
    expect(t.role).toBe(runtimeRoleName(database));
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
    // Who the server's connections are: other sessions on PostgreSQL; PGlite's one connection, switched.
    const users =
      t.kind === 'postgres'
        ? await queryRows<{ name: string }>(
            t.db,
            sql`select distinct usename as name from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and application_name = 'vetflow'`,
          )
        : await queryRows<{ name: string }>(t.db, sql`select current_user as name`);
    expect(users.map((u) => u.name)).toEqual([t.role]);
  });
});

function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const apiDir = join(import.meta.dirname, '..');
  const child = spawn(join(apiDir, 'node_modules/.bin/tsx'), [join(apiDir, 'src/main.ts')], {
    cwd: apiDir,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const collect = (d: Buffer) => {
      output += d;
      // Started: enough seen, stop it.
      if (output.includes('serving as database role')) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(testDatabaseUrl())(
  'start-up on PostgreSQL (RUNTIME_DATABASE_URL names a PostgreSQL server)',
  () => {
    it('migrates as DATABASE_URL, then serves as the runtime role and says so', async () => {
      const db = await createTestDb();
      try {
        const port = String(20_000 + Math.floor(Math.random() * 20_000));
        const { output } = await runMain({ DATABASE_URL: db.url!, PORT: port });
        const database = new URL(db.url!).pathname.slice(1);
        expect(output).toContain(`serving as database role \\"${runtimeRoleName(database)}\\"`);
      } finally {
        await db.close();
      }
    });

    it('refuses to serve as a superuser unless ALLOW_SUPERUSER=1', async () => {
      const db = await createTestDb();
      try {
        const port = String(20_000 + Math.floor(Math.random() * 20_000));
        const refused = await runMain({ DATABASE_URL: db.url!, RUNTIME_DATABASE_URL: db.url!, PORT: port });
        expect(refused.code).toBe(1);
        expect(refused.output).toContain('Refusing to serve as the database superuser "postgres"');
        const allowed = await runMain({
          DATABASE_URL: db.url!,
          RUNTIME_DATABASE_URL: db.url!,
          ALLOW_SUPERUSER: '1',
          PORT: port,
        });
        expect(allowed.output).toContain('serving as database role \\"postgres\\"');
      } finally {
        await db.close();
      }
    });
  },
);
