import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../client';
import { testDatabaseUrl } from './engine';
import { adminUrl, databaseUrl } from './urls';

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
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const handle = await createDb({ url: databaseUrl(url, name), maxConnections: 25 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
