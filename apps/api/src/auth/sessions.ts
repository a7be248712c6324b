import { type Executor, selectOnce } from '@vetflow/db';
import { sessions, systemUsers } from '@vetflow/schema';
import type { UserRole } from '@vetflow/schema/values';
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { constantTimeEqual, generateSessionToken, hashSessionToken, isWellFormedToken } from './tokens';

/** The signed-in person as procedures see it: never the password hash. */
export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  email: string;
  role: UserRole;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/**
 * The policy a user of `role` is held to. A waiting-room display is nobody's desk: nobody touches it, so it has no
 * idle end, only the session's lifetime (SESSION_ABSOLUTE_HOURS, a working day); staff idle out as configured.
 */
export function policyForRole(role: UserRole, policy: SessionPolicy): SessionPolicy {
  return role === 'display' ? { idleMs: policy.absoluteMs, absoluteMs: policy.absoluteMs } : policy;
}

/**
 * `last_seen_at` is written at most this often (a minute, or a twentieth of a short test idle window), so
 * validating a session is usually one read.
 */
const lastSeenResolutionMs = (policy: SessionPolicy) => Math.min(60_000, Math.floor(policy.idleMs / 20));

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  meta: RequestMeta,
) {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await db.insert(sessions).values({
    id: hashSessionToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt };
}

export type SessionValidation =
  | { status: 'valid'; sessionId: string; user: SessionUser }
  | { status: 'none' }
  | { status: 'expired' };

/** A session and its user, by the session's id (built once: it runs on every request). */
const sessionWithUser = selectOnce(['id'], (qb, p) =>
  qb
    .select({
      id: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: {
        id: systemUsers.id,
        username: systemUsers.username,
        fullName: systemUsers.fullName,
        email: systemUsers.email,
        role: systemUsers.role,
        isActive: systemUsers.isActive,
      },
    })
    .from(sessions)
    .innerJoin(systemUsers, eq(systemUsers.id, sessions.userId))
    .where(eq(sessions.id, p.id))
    .limit(1),
);

/**
 * One indexed query (sessions by primary key, joined to its user). An expired, idle or deactivated session is
 * deleted on sight.
 */
export async function validateSessionToken(
  db: Executor,
  token: string | undefined,
  now: Date,
  policy: SessionPolicy,
  /** False for a request that only asks when the session ends: asking must not keep it alive. */
  touch = true,
): Promise<SessionValidation> {
  if (!token || !isWellFormedToken(token)) return { status: 'none' };
  const id = hashSessionToken(token);
  const [row] = await sessionWithUser(db, { id });
  if (!row || !constantTimeEqual(row.id, id)) return { status: 'none' };
  policy = policyForRole(row.user.role, policy);
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (!row.user.isActive || now >= row.expiresAt || idleFor >= policy.idleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: row.user.isActive ? 'expired' : 'none' };
  }
  if (touch && idleFor >= lastSeenResolutionMs(policy)) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const { isActive: _active, ...user } = row.user;
  return { status: 'valid', sessionId: id, user };
}

/**
 * Whether a session still lets its user act as `role`, without touching it (a live subscription asks every
 * half minute; asking is not activity): it exists, is neither idle nor past its lifetime, and its user is
 * active with the same role. Signing out, revoking, deactivating or changing the role all end it.
 */
export async function sessionStillValid(
  db: Executor,
  sessionId: string,
  role: UserRole,
  now: Date,
  policy: SessionPolicy,
): Promise<boolean> {
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      isActive: systemUsers.isActive,
      role: systemUsers.role,
    })
    .from(sessions)
    .innerJoin(systemUsers, eq(systemUsers.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row?.isActive || row.role !== role) return false;
  policy = policyForRole(role, policy);
  return now < row.expiresAt && now.getTime() - row.lastSeenAt.getTime() < policy.idleMs;
}

/** When a session ends: idle (its last activity plus the idle window) and absolute; null when it is gone. */
export interface SessionExpiry {
  idleExpiresAt: Date;
  expiresAt: Date;
}

const expiryOf = (row: { lastSeenAt: Date; expiresAt: Date }, policy: SessionPolicy): SessionExpiry => ({
  idleExpiresAt: new Date(Math.min(row.lastSeenAt.getTime() + policy.idleMs, row.expiresAt.getTime())),
  expiresAt: row.expiresAt,
});

export async function sessionExpiry(db: Executor, sessionId: string, policy: SessionPolicy) {
  const [row] = await db
    .select({ lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row ? expiryOf(row, policy) : null;
}

/** "Stay signed in": the session's idle clock restarts now, whatever the write resolution above. */
export async function touchSession(db: Executor, sessionId: string, now: Date, policy: SessionPolicy) {
  const [row] = await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(eq(sessions.id, sessionId))
    .returning({ lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt });
  return row ? expiryOf(row, policy) : null;
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes one session, named by its public id, only if it belongs to `userId`: its internal id, or null. */
export async function deleteOwnSession(db: Executor, userId: string, publicId: string) {
  const [deleted] = await db
    .delete(sessions)
    .where(and(eq(sessions.publicId, publicId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted?.id ?? null;
}

/** Revokes every session of a user (deactivation, role or password change), optionally keeping one. */
export async function deleteUserSessions(db: Executor, userId: string, keepSessionId?: string) {
  const deleted = await db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/**
 * A user's live sessions (not expired, not idle), most recently used first. `id` is the session's opaque public id,
 * never the token's hash; `current` marks the one `currentSessionId` (an internal id) names.
 */
export async function listUserSessions(
  db: Executor,
  userId: string,
  currentSessionId: string | null,
  now: Date,
  policy: SessionPolicy,
) {
  return db
    .select({
      id: sessions.publicId,
      current: currentSessionId ? sql<boolean>`${sessions.id} = ${currentSessionId}` : sql<boolean>`false`,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMs)),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}
