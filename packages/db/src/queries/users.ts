import { loginThrottles, ownAccount, systemUsers, type UserRole } from '@vetflow/schema';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { versionedUpdate } from './versioning';

/** Every column but the password hash: the only shape of a user that leaves the database layer. */
export const publicUserColumns = {
  id: systemUsers.id,
  username: systemUsers.username,
  email: systemUsers.email,
  fullName: systemUsers.fullName,
  role: systemUsers.role,
  isActive: systemUsers.isActive,
  lastLoginAt: systemUsers.lastLoginAt,
  passwordChangedAt: systemUsers.passwordChangedAt,
  createdAt: systemUsers.createdAt,
  updatedAt: systemUsers.updatedAt,
};

export async function listUsers(db: Executor) {
  // Staff lists are small (a clinic's team); bounded all the same.
  return db.select(publicUserColumns).from(systemUsers).orderBy(asc(systemUsers.fullName)).limit(1000);
}

export async function listActiveVeterinarians(db: Executor) {
  return db
    .select({ id: systemUsers.id, fullName: systemUsers.fullName })
    .from(systemUsers)
    .where(and(eq(systemUsers.role, 'veterinarian'), eq(systemUsers.isActive, true)))
    .orderBy(asc(systemUsers.fullName))
    .limit(500);
}

export async function getUser(db: Executor, id: string) {
  const [row] = await db.select(publicUserColumns).from(systemUsers).where(eq(systemUsers.id, id));
  return row;
}

/** The signed-in user's own account in full: the one row of the other staff whose email a non-admin may read. */
export async function getOwnAccount(db: Executor) {
  const [row] = await db.select().from(ownAccount);
  return row;
}

/** The sign-in lookup: includes the hash. Server-side only (the sign-in role's columns). */
export async function findUserForLogin(db: Executor, username: string) {
  const [row] = await db
    .select({
      id: systemUsers.id,
      username: systemUsers.username,
      email: systemUsers.email,
      fullName: systemUsers.fullName,
      role: systemUsers.role,
      isActive: systemUsers.isActive,
      passwordHash: systemUsers.passwordHash,
    })
    .from(systemUsers)
    .where(eq(systemUsers.username, username));
  return row;
}

export async function getPasswordHash(db: Executor, id: string) {
  const [row] = await db
    .select({ passwordHash: systemUsers.passwordHash })
    .from(systemUsers)
    .where(eq(systemUsers.id, id));
  return row?.passwordHash;
}

export async function createUser(
  db: Executor,
  values: { username: string; email: string; fullName: string; role: UserRole; passwordHash: string },
) {
  const [row] = await db.insert(systemUsers).values(values).returning(publicUserColumns);
  return row!;
}

type UserReader = (db: Executor, id: string) => ReturnType<typeof getUser>;

/**
 * `read` is how the caller may see the account afterwards: an admin any account (getUser), anyone their own
 * (getOwnAccount: the other roles may not read other accounts' emails, so not through RETURNING either).
 */
export async function updateUser(
  db: Executor,
  id: string,
  seen: Date,
  values: { email?: string | undefined; fullName?: string | undefined; role?: UserRole | undefined },
  read: UserReader = getUser,
) {
  return versionedUpdate(
    db,
    { tableName: 'system_users', id, seen, loadCurrent: () => read(db, id) },
    values,
    async () => {
      const updated = await db
        .update(systemUsers)
        .set(values)
        .where(and(eq(systemUsers.id, id), eq(systemUsers.updatedAt, seen)))
        .returning({ id: systemUsers.id });
      const row = updated.length > 0 ? await read(db, id) : undefined;
      return row ? [row] : [];
    },
  );
}

/** `getOwnAccount` as a UserReader: the acting user's own account, whatever id is asked. */
export const readOwnAccount: UserReader = (db) => getOwnAccount(db);

export async function setUserActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db
    .update(systemUsers)
    .set({ isActive })
    .where(eq(systemUsers.id, id))
    .returning(publicUserColumns);
  return row;
}

/**
 * A new password also clears the account's sign-in failure counters (every client's, untrusted or trusted).
 * True when the account exists (and the acting user may change it).
 */
export async function setUserPassword(db: Executor, id: string, passwordHash: string, now: Date) {
  const updated = await db
    .update(systemUsers)
    .set({ passwordHash, passwordChangedAt: now })
    .where(eq(systemUsers.id, id))
    .returning({ id: systemUsers.id });
  await db
    .update(loginThrottles)
    .set({ failures: 0, blockedUntil: null, updatedAt: now })
    .where(eq(loginThrottles.account, id));
  return updated.length > 0;
}

/** Sign-in bookkeeping: not a data change, so the audit trigger writes nothing for it. */
export async function recordLoginSuccess(db: Executor, id: string, now: Date) {
  await db.update(systemUsers).set({ lastLoginAt: now }).where(eq(systemUsers.id, id));
}
