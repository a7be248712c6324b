import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from './client';
import { queryRows } from './raw';

/**
 * The database roles (defence in depth). Migrations run as the owner (the DATABASE_URL role); the API serves
 * through a runtime role that owns nothing, is not a superuser and holds only row privileges: it cannot run
 * DDL, so it cannot disable the audit triggers or drop anything, and it may only read and append audit rows
 * (the API records auth events itself; the audit triggers are SECURITY DEFINER, owned by the owner).
 */

/** Append-only tables: the runtime role may read and insert, never update, delete or truncate. */
const APPEND_ONLY = /^audit_/;

export class RuntimeRoleError extends Error {}

/**
 * The runtime role for a database: named after it (`vetflow` → `vetflow_app`), because CREATE ROLE is
 * cluster-wide: each database on a server (test databases run in parallel, staging beside production) gets a
 * role of its own, so no two of them reset each other's password.
 */
export function runtimeRoleName(database: string): string {
  return `${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 59).concat('_app');
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Creates or updates the runtime role and grants it exactly what the API needs on every table there is now
 * (run after every migrate: later migrations' tables are covered). Idempotent. On PostgreSQL the role logs in
 * with a fresh random password, returned; on PGlite (one connection, no logins) it is NOLOGIN.
 */
export async function ensureRuntimeRole(owner: DbHandle): Promise<{ role: string; password: string | null }> {
  const [{ database } = { database: '' }] = await queryRows<{ database: string }>(
    owner.db,
    sql`select current_database() as database`,
  );
  const role = runtimeRoleName(database);
  const password = owner.kind === 'postgres' ? randomBytes(24).toString('base64url') : null;
  const login = password ? sql`LOGIN PASSWORD ${sql.raw(`'${password}'`)}` : sql`NOLOGIN`;
  const attributes = sql`NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT ${login}`;
  await owner.db
    .transaction(async (tx) => {
      const [exists] = await queryRows(tx, sql`select 1 from pg_roles where rolname = ${role}`);
      await tx.execute(
        exists ? sql`ALTER ROLE ${ident(role)} ${attributes}` : sql`CREATE ROLE ${ident(role)} ${attributes}`,
      );
      // Start from nothing each time, so a privilege granted by hand or by an older version does not linger.
      await tx.execute(sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident(role)}`);
      await tx.execute(sql`REVOKE CREATE ON SCHEMA public FROM ${ident(role)}`);
      await tx.execute(sql`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
      await tx.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident(role)}`);
      const tables = await queryRows<{ name: string }>(
        tx,
        sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')`,
      );
      for (const { name } of tables) {
        const privileges = APPEND_ONLY.test(name) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
        await tx.execute(sql`GRANT ${sql.raw(privileges)} ON ${ident(name)} TO ${ident(role)}`);
      }
    })
    .catch((error: unknown) => {
      throw new RuntimeRoleError(
        `Could not create or grant the runtime database role "${role}" (the DATABASE_URL role needs CREATEROLE and must own the tables); or create a role yourself and set RUNTIME_DATABASE_URL`,
        { cause: error },
      );
    });
  return { role, password };
}

export interface RuntimeConnection {
  handle: DbHandle;
  /** PostgreSQL: the URL the handle connects with (tests route it through a proxy); never logged. */
  url?: string | undefined;
  /** The role the API serves as (current_user). */
  role: string;
  superuser: boolean;
}

export interface ConnectRuntimeOptions {
  /** A URL for a runtime role the site's DBA created: used as given, nothing is created or granted. */
  runtimeUrl?: string | undefined;
  /** Serve even when the runtime connection is a superuser (refused otherwise). */
  allowSuperuser?: boolean | undefined;
  maxConnections?: number | undefined;
  /** Tests: leave the owner handle open (for setup and tampering) instead of closing it. */
  keepOwner?: boolean | undefined;
}

/**
 * The connection the API serves through, made from the owner's (migrated) handle: RUNTIME_DATABASE_URL when
 * given; else the runtime role, freshly granted, reached with its new password on PostgreSQL or switched to
 * with SET ROLE on PGlite's one connection. On PostgreSQL the owner handle is closed: the API never serves
 * through the URL it was given. Refuses a superuser unless allowed.
 */
export async function connectRuntime(
  owner: DbHandle,
  ownerUrl: string | undefined,
  options: ConnectRuntimeOptions = {},
): Promise<RuntimeConnection> {
  let handle: DbHandle;
  let url: string | undefined;
  const closeOwner = () => (options.keepOwner ? Promise.resolve() : owner.close());
  if (options.runtimeUrl) {
    await closeOwner();
    url = options.runtimeUrl;
    handle = await createDb({ url, maxConnections: options.maxConnections });
  } else if (owner.kind === 'pglite') {
    const { role } = await ensureRuntimeRole(owner);
    await owner.db.execute(sql`SET ROLE ${ident(role)}`);
    handle = owner;
  } else {
    const { role, password } = await ensureRuntimeRole(owner);
    await closeOwner();
    url = runtimeUrl(ownerUrl!, role, password!);
    handle = await createDb({ url, maxConnections: options.maxConnections });
  }
  try {
    return { handle, url, ...(await checkServingRole(handle, options.allowSuperuser)) };
  } catch (error) {
    if (handle !== owner || !options.keepOwner) await handle.close();
    throw error;
  }
}

/** Which role a handle acts as; refuses a superuser unless allowed (ALLOW_SUPERUSER). */
export async function checkServingRole(handle: DbHandle, allowSuperuser = false) {
  const [me] = await queryRows<{ role: string; superuser: boolean }>(
    handle.db,
    sql`select current_user as role, rolsuper as superuser from pg_roles where rolname = current_user`,
  );
  const role = me?.role ?? 'unknown';
  if (me?.superuser && !allowSuperuser) {
    throw new RuntimeRoleError(
      `Refusing to serve as the database superuser "${role}": use a runtime role (RUNTIME_DATABASE_URL), or set ALLOW_SUPERUSER=1 to accept the risk`,
    );
  }
  return { role, superuser: me?.superuser ?? false };
}

/** The owner's URL with the runtime role's credentials. */
export function runtimeUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}
