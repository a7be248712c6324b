import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../client';
import { databaseRoleNames } from '../roles';
import { testDatabaseUrl } from './engine';
import { databaseUrl, runDatabaseStatement } from './urls';

let counter = 0;

/** A test database handle; `url` is the PostgreSQL URL of this test's database (undefined on PGlite). */
export type TestDbHandle = DbHandle & { url?: string | undefined };

/**
 * A fresh, migrated database for one test file: a copy of the run's template on PostgreSQL, a clone of the
 * migrated data dir on PGlite. `close()` drops it.
 */
export async function createTestDb(): Promise<TestDbHandle> {
  const template = inject('vetflowTemplate');
  const url = testDatabaseUrl();
  if (!url) {
    const dump = new Blob([readFileSync(template)]);
    return createDb({ dataDir: 'memory://', loadDataDir: dump });
  }
  const name = `vetflow_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await runDatabaseStatement(url, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const ownUrl = databaseUrl(url, name);
  const handle = await createDb({ url: ownUrl, maxConnections: 25 });
  return {
    ...handle,
    url: ownUrl,
    close: async () => {
      await handle.close();
      await runDatabaseStatement(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      // The database's roles are cluster-wide and named after it (databaseRoleNames): they go with it.
      const roles = Object.values(databaseRoleNames(name)).map((role) => `"${role}"`);
      await runDatabaseStatement(url, `DROP ROLE IF EXISTS ${roles.join(', ')}`);
    },
  };
}
