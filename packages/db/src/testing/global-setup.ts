import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb, createPglite, pgliteHandle } from '../client';
import { migrate } from '../migrate';
import { testDatabaseUrl } from './engine';
import { databaseUrl, runDatabaseStatement } from './urls';

/**
 * Migrates one database per test run, which every test file then clones: on PostgreSQL a template database
 * (CREATE DATABASE … TEMPLATE), on PGlite a data-dir dump (loadDataDir).
 */
export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    const template = `vetflow_tpl_${process.pid}_${Date.now().toString(36)}`;
    await runDatabaseStatement(url, `CREATE DATABASE "${template}"`);
    const handle = await createDb({ url: databaseUrl(url, template), maxConnections: 1 });
    await migrate(handle);
    await handle.close();
    project.provide('vetflowTemplate', template);
    return () => runDatabaseStatement(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vetflow-pglite-'));
  const client = await createPglite('memory://');
  await migrate(pgliteHandle(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('vetflowTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
