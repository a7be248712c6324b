import { loginThrottles, systemUsers, type UserRole } from '@vetflow/schema';
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

/** The sign-in lookup: includes the hash and the throttling state. Server-side only. */
export async function findUserForLogin(db: Executor, username: string) {
  const [row] = await db.select().from(systemUsers).where(eq(systemUsers.username, username));
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

export async function updateUser(
  db: Executor,
  id: string,
  seen: Date,
  values: { email?: string | undefined; fullName?: string | undefined; role?: UserRole | undefined },
) {
  return versionedUpdate(
    db,
    { tableName: 'system_users', id, seen, loadCurrent: () => getUser(db, id) },
    values,
    () =>
      db
        .update(systemUsers)
        .set(values)
        .where(and(eq(systemUsers.id, id), eq(systemUsers.updatedAt, seen)))
        .returning(publicUserColumns),
  );
}

export async function setUserActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db
    .update(systemUsers)
    .set({ isActive })
    .where(eq(systemUsers.id, id))
    .returning(publicUserColumns);
  return row;
}

/** A new password also clears the account's sign-in failure counters (every client's, untrusted or trusted). */
export async function setUserPassword(db: Executor, id: string, passwordHash: string, now: Date) {
  const [row] = await db
    .update(systemUsers)
    .set({ passwordHash, passwordChangedAt: now })
    .where(eq(systemUsers.id, id))
    .returning(publicUserColumns);
  await db
    .update(loginThrottles)
    .set({ failures: 0, blockedUntil: null, updatedAt: now })
    .where(eq(loginThrottles.account, id));
  return row;
}

/** Sign-in bookkeeping: not a data change, so the audit trigger writes nothing for it. */
export async function recordLoginSuccess(db: Executor, id: string, now: Date) {
  await db.update(systemUsers).set({ lastLoginAt: now }).where(eq(systemUsers.id, id));
}
