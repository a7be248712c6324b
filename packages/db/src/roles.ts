import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle, type Executor } from './client';
import { queryRows } from './raw';
import {
  DATABASE_ROLES,
  type DatabaseRole,
  FUNCTION_GRANTS,
  privilegeClauses,
  roleGrants,
} from './role-grants';

/**
 * The database roles (defence in depth). Migrations run as the owner (the DATABASE_URL role); the API serves
 * through a runtime login role that owns nothing and is not a superuser: it cannot run DDL, so it cannot disable
 * the audit triggers or drop anything. On its own it may do only the server's background work; each request's
 * transaction switches to the role of whoever acts (`SET LOCAL ROLE`: sign-in, admin, veterinarian, assistant),
 * whose privileges are the role matrix (role-grants.ts), so PostgreSQL refuses what the matrix refuses even
 * where an API check is missing.
 */

export class RuntimeRoleError extends Error {}

/**
 * The database roles of one database, named after it (`vetflow` → `vetflow_app`, `vetflow_admin`, …): CREATE
 * ROLE is cluster-wide, so each database on a server (test databases run in parallel, staging beside production)
 * has roles of its own: none resets another's password, and a runtime role of one database can never switch to
 * a role that reads another's data.
 */
export function databaseRoleNames(database: string): Record<DatabaseRole, string> {
  const base = database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 50);
  return {
    runtime: `${base}_app`,
    signin: `${base}_signin`,
    admin: `${base}_admin`,
    veterinarian: `${base}_veterinarian`,
    assistant: `${base}_assistant`,
    display: `${base}_display`,
  };
}

export function runtimeRoleName(database: string): string {
  return databaseRoleNames(database).runtime;
}

/** The roles of the database `db` is connected to. */
export async function currentDatabaseRoles(db: Executor): Promise<Record<DatabaseRole, string>> {
  const [row] = await queryRows<{ database: string }>(db, sql`select current_database() as database`);
  return databaseRoleNames(row!.database);
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);
const RESTRICTED = sql`NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`;

/**
 * Creates or updates the database's roles and grants each exactly its part of the role matrix on every table
 * there is now (run after every migrate: later migrations' tables are covered; a table the matrix does not
 * name is refused here, so nobody forgets to decide). Idempotent. On PostgreSQL the runtime role logs in with a
 * fresh random password, returned; on PGlite (one connection, no logins) it is NOLOGIN. `existingRuntime` names
 * a login role the site's DBA made (RUNTIME_DATABASE_URL): it is granted its part and the switches, and left
 * as it is otherwise.
 */
export async function ensureRuntimeRole(
  owner: DbHandle,
  existingRuntime?: string,
): Promise<{ role: string; password: string | null }> {
  const named = await currentDatabaseRoles(owner.db);
  const roles = { ...named, runtime: existingRuntime ?? named.runtime };
  const password =
    owner.kind === 'postgres' && !existingRuntime ? randomBytes(24).toString('base64url') : null;
  const login = password ? sql`LOGIN PASSWORD ${sql.raw(`'${password}'`)}` : sql`NOLOGIN`;
  const grants = roleGrants();
  await owner.db
    .transaction(async (tx) => {
      for (const kind of DATABASE_ROLES) {
        const role = roles[kind];
        const create = kind !== 'runtime' || !existingRuntime;
        // The runtime role inherits nothing: it holds the others' privileges only while switched to them.
        const attributes =
          kind === 'runtime' ? sql`${RESTRICTED} NOINHERIT ${login}` : sql`${RESTRICTED} NOINHERIT NOLOGIN`;
        const [exists] = await queryRows(tx, sql`select 1 from pg_roles where rolname = ${role}`);
        if (create) {
          await tx.execute(
            exists
              ? sql`ALTER ROLE ${ident(role)} ${attributes}`
              : sql`CREATE ROLE ${ident(role)} ${attributes}`,
          );
        }
        // Start from nothing each time, so a privilege granted by hand or by an older version does not linger.
        await tx.execute(sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident(role)}`);
        await tx.execute(sql`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ident(role)}`);
        await tx.execute(sql`REVOKE CREATE ON SCHEMA public FROM ${ident(role)}`);
        await tx.execute(sql`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
        if (kind !== 'runtime') await tx.execute(sql`GRANT ${ident(role)} TO ${ident(roles.runtime)}`);
      }
      const relations = await queryRows<{ name: string }>(
        tx,
        // Partitions (the audit log's months) get no grant: reached through their parent, privileges are the
        // parent's; reached directly, nothing (the REVOKE ALL above clears any grant made by hand).
        sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition order by 1`,
      );
      for (const { name } of relations) {
        const byRole = grants.get(name);
        if (!byRole) throw new Error(`The role matrix (role-grants.ts) does not name the table "${name}"`);
        for (const [kind, privileges] of Object.entries(byRole)) {
          const clauses = privilegeClauses(privileges);
          if (clauses.length === 0) continue;
          await tx.execute(
            sql`GRANT ${sql.raw(clauses.join(', '))} ON ${ident(name)} TO ${ident(roles[kind as DatabaseRole])}`,
          );
        }
      }
      for (const [signature, kinds] of Object.entries(FUNCTION_GRANTS)) {
        const to = sql.join(
          kinds.map((kind) => ident(roles[kind])),
          sql`, `,
        );
        await tx.execute(sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${to}`);
      }
    })
    .catch((error: unknown) => {
      throw new RuntimeRoleError(
        `Could not create or grant the database roles "${roles.runtime}", "${roles.admin}"… (the DATABASE_URL role needs CREATEROLE and must own the tables); or create them yourself and set RUNTIME_DATABASE_URL`,
        { cause: error },
      );
    });
  return { role: roles.runtime, password };
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
 * given (granted the switches to the staff roles); else the runtime role, freshly granted, reached with its new
 * password on PostgreSQL or switched to with SET ROLE on PGlite's one connection. On PostgreSQL the owner
 * handle is closed: the API never serves through the URL it was given. Refuses a superuser unless allowed.
 *
 * Tests on PGlite (`keepOwner`) share the one connection between the server and the test's set-up, which needs
 * the owner: it stays the owner there, and only each request's transaction switches role (the browser tests
 * run the real start-up, switched for good).
 */
export async function connectRuntime(
  owner: DbHandle,
  ownerUrl: string | undefined,
  options: ConnectRuntimeOptions = {},
): Promise<RuntimeConnection> {
  let handle: DbHandle;
  let url: string | undefined;
  const closeOwner = () => (options.keepOwner ? Promise.resolve() : owner.close());
  let allowSuperuser = options.allowSuperuser;
  if (options.runtimeUrl) {
    url = options.runtimeUrl;
    handle = await createDb({ url, maxConnections: options.maxConnections });
    const [me] = await queryRows<{ role: string }>(handle.db, sql`select current_user as role`);
    if (me && !(await checkServingRole(handle, true)).superuser) await ensureRuntimeRole(owner, me.role);
    await closeOwner();
  } else if (owner.kind === 'pglite') {
    const { role } = await ensureRuntimeRole(owner);
    if (options.keepOwner) allowSuperuser = true;
    else await owner.db.execute(sql`SET ROLE ${ident(role)}`);
    handle = owner;
  } else {
    const { role, password } = await ensureRuntimeRole(owner);
    await closeOwner();
    url = runtimeUrl(ownerUrl!, role, password!);
    handle = await createDb({ url, maxConnections: options.maxConnections });
  }
  try {
    return { handle, url, ...(await checkServingRole(handle, allowSuperuser)) };
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
