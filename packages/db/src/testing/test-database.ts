import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../client';
import { testDatabaseUrl } from './engine';
import { databaseUrl, runDatabaseStatement } from './urls';

let counter = 0;

/**
 * A fresh, migrated database for one test file: a copy of the run's template on PostgreSQL, a clone of the
 * migrated data dir on PGlite. `close()` drops it.
 */
export async function createTestDb(): Promise<DbHandle> {
  const template = inject('vetflowTemplate');
  const url = testDatabaseUrl();
  if (!url) {
    const dump = new Blob([readFileSync(template)]);
    return createDb({ dataDir: 'memory://', loadDataDir: dump });
  }
  const name = `vetflow_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await runDatabaseStatement(url, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const handle = await createDb({ url: databaseUrl(url, name), maxConnections: 25 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await runDatabaseStatement(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
