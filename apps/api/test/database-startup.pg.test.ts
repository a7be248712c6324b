import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runtimeRoleName } from '@vetflow/db';
import { createTestDb } from '@vetflow/db/testing';
import { describe, expect, it } from 'vitest';

/**
 * Issue 7 #10, PostgreSQL only (a *.pg.test.ts file runs in the PostgreSQL pass): the real main.ts migrates as
 * DATABASE_URL, then serves as the runtime role, and refuses a superuser unless allowed.
 */
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

describe('start-up on PostgreSQL (RUNTIME_DATABASE_URL names a PostgreSQL server)', () => {
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
});
