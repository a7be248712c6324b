import { execFileSync } from 'node:child_process';

/**
 * A PostgreSQL database of a browser test's own, for the files that need the real server (`*.pg.test.ts`, run
 * only with E2E_DATABASE_URL: a server URL whose user may create databases and end their sessions). Statements
 * go through `psql` (it comes with every PostgreSQL install), so the web app needs no database driver. Nothing
 * here touches another database or the cluster itself.
 */
export function ownDatabase(label: string) {
  const server = process.env.E2E_DATABASE_URL;
  if (!server)
    throw new Error('E2E_DATABASE_URL is not set (vitest.e2e.config.ts runs *.pg.test.ts only with it)');
  const name = `vetflow_e2e_${label}_${process.pid}_${Date.now().toString(36)}`;
  const urlOf = (database: string) => {
    const url = new URL(server);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const run = (database: string, statement: string) =>
    execFileSync('psql', [urlOf(database), '-v', 'ON_ERROR_STOP=1', '-Atqc', statement], {
      encoding: 'utf8',
    }).trim();
  return {
    name,
    url: urlOf(name),
    create: () => run('postgres', `CREATE DATABASE "${name}"`),
    /** Runs one statement in the test's database, as the server URL's user; returns psql's unaligned output. */
    query: (statement: string) => run(name, statement),
    /**
     * Ends every session in the test's database but the caller's: what a restart of PostgreSQL does to the API
     * (its pool and its listening connection), for this database only. Returns how many were ended.
     */
    endSessions: () =>
      Number(
        run(
          name,
          'select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        ),
      ),
    /** Drops the database and the roles the API named after it (roles are cluster-wide: see packages/db roles.ts). */
    drop: () => {
      run('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const roles = run(
        'postgres',
        `select string_agg(quote_ident(rolname), ', ') from pg_roles where rolname like '${name}\\_%'`,
      );
      if (roles) run('postgres', `DROP ROLE IF EXISTS ${roles}`);
    },
  };
}
