import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { defaultPgliteDir } from './paths';
import { preparedByDefault } from './prepared-client';

/**
 * The one database type the rest of the code sees, whichever engine is underneath. Without Drizzle's relational
 * schema: nothing uses `db.query`, and every transaction would build a query builder for each table.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: inside a transaction use only this, never the global `db`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

export type EngineKind = 'postgres' | 'pglite';

export interface DbHandle {
  db: Database;
  kind: EngineKind;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL URL; defaults to DATABASE_URL. Without one the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; defaults to PGLITE_DATA_DIR or `<repo>/.data/pglite`. `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir dump (tar) to start from: how tests clone a migrated database quickly. */
  loadDataDir?: Blob | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number | undefined;
}

/**
 * How the pool rides out a database outage. postgres.js grows its reconnect delay with every failed attempt
 * across the whole pool (3^n / 100 s, up to 20 s), so after a few seconds of outage the API would stay down
 * long after the database is back; we retry within half a second instead. A connect attempt that hangs
 * (a black-holed network rather than a refused port) fails after 5 s, so callers get 503 rather than waiting.
 */
const outageOptions = {
  backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
  connect_timeout: 5,
} as const;

export const pgliteExtensions = { citext, pg_trgm, btree_gist };

export async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, { extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const client = postgres(url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'vetflow' },
      ...outageOptions,
    });
    const db = drizzlePostgres({ client: preparedByDefault(client) }) as unknown as Database;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.dataDir ?? process.env.PGLITE_DATA_DIR ?? defaultPgliteDir;
  return pgliteHandle(await createPglite(dataDir, options.loadDataDir));
}

export function pgliteHandle(client: PGlite): DbHandle {
  const db = drizzlePglite({ client }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}
