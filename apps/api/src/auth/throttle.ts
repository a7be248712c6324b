import { createHmac } from 'node:crypto';
import type { Executor } from '@vetflow/db';
import { loginThrottles } from '@vetflow/schema';
import { and, desc, eq, inArray } from 'drizzle-orm';

/** Failures allowed before each further attempt has to wait. */
export const FREE_LOGIN_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60_000;
/** Throttled refusals write at most one (summarising) audit row per counter in this window. */
export const THROTTLE_AUDIT_WINDOW_MS = 15 * 60_000;

/** The counter every client without a trusted device cookie for the account shares. */
export const UNTRUSTED = '';

/**
 * After the 5th consecutive failure a counter's next attempt waits 1 s, then 2 s, 4 s … up to 15 minutes.
 * A delay, never a lock-out; and a browser the account has signed in from has a counter of its own, so guesses
 * from elsewhere never delay its owner.
 */
export function loginDelayMs(failedCount: number): number {
  if (failedCount < FREE_LOGIN_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failedCount - FREE_LOGIN_FAILURES), MAX_DELAY_MS);
}

/**
 * What a sign-in attempt is counted against: the account's id, or for a username that names no account a keyed
 * hash of it, so a password typed into the username box is never stored and both take the same path.
 */
export function throttleAccount(accountId: string | undefined, username: string, usernameKey: Buffer) {
  // Computed for every attempt, so a known username costs the same as an unknown one.
  const hashed = createHmac('sha256', usernameKey).update(username.trim().toLowerCase()).digest('base64url');
  return accountId ?? hashed;
}

export type LoginClaim =
  | {
      status: 'throttled';
      waitSeconds: number;
      trustedDevice: boolean;
      /** Set once per audit window: the refusals to report in one login_throttled row (this one included). */
      summary: { refusedAttempts: number; since: Date | null } | null;
    }
  | { status: 'claimed'; counter: string; trustedDevice: boolean };

/**
 * Checks the delay of the counter this client is judged by (its device's own counter when the account trusts the
 * device, else the untrusted one) and, if it has passed, counts this attempt as a failure before the password is
 * verified (a correct password then resets the count). The same statements run for every username, known or not.
 * The row is locked while doing so, so parallel attempts queue up here: none is lost or slips past the delay.
 */
export async function claimLoginAttempt(
  db: Executor,
  account: string,
  deviceId: string | null,
  now: Date,
): Promise<LoginClaim> {
  return db.transaction(async (tx) => {
    await tx
      .insert(loginThrottles)
      .values({ account, deviceId: UNTRUSTED, updatedAt: now })
      .onConflictDoNothing();
    // A device row exists only where this browser signed in to this account before: that row is the trust.
    const [row] = await tx
      .select()
      .from(loginThrottles)
      .where(
        and(
          eq(loginThrottles.account, account),
          inArray(loginThrottles.deviceId, deviceId ? [UNTRUSTED, deviceId] : [UNTRUSTED]),
        ),
      )
      .orderBy(desc(loginThrottles.deviceId))
      .limit(1)
      .for('update');
    const counter = row!;
    const key = and(eq(loginThrottles.account, account), eq(loginThrottles.deviceId, counter.deviceId));
    const trustedDevice = counter.deviceId !== UNTRUSTED;

    if (counter.blockedUntil && counter.blockedUntil > now) {
      const summaryDue =
        !counter.refusalsLoggedAt ||
        now.getTime() - counter.refusalsLoggedAt.getTime() >= THROTTLE_AUDIT_WINDOW_MS;
      await tx
        .update(loginThrottles)
        .set(
          summaryDue
            ? { unloggedRefusals: 0, refusalsLoggedAt: now, updatedAt: now }
            : { unloggedRefusals: counter.unloggedRefusals + 1, updatedAt: now },
        )
        .where(key);
      return {
        status: 'throttled',
        waitSeconds: Math.ceil((counter.blockedUntil.getTime() - now.getTime()) / 1000),
        trustedDevice,
        summary: summaryDue
          ? { refusedAttempts: counter.unloggedRefusals + 1, since: counter.refusalsLoggedAt }
          : null,
      };
    }
    const failures = counter.failures + 1;
    const delay = loginDelayMs(failures);
    await tx
      .update(loginThrottles)
      .set({ failures, blockedUntil: delay ? new Date(now.getTime() + delay) : null, updatedAt: now })
      .where(key);
    return { status: 'claimed', counter: counter.deviceId, trustedDevice };
  });
}

/** The right password was shown: the counter the attempt was claimed on starts again from zero. */
export async function resetLoginCounter(db: Executor, account: string, counter: string, now: Date) {
  await db
    .update(loginThrottles)
    .set({ failures: 0, blockedUntil: null, updatedAt: now })
    .where(and(eq(loginThrottles.account, account), eq(loginThrottles.deviceId, counter)));
}

/** After a successful sign-in from this device: the account trusts it from now on (a counter of its own). */
export async function trustDevice(db: Executor, account: string, deviceId: string, now: Date) {
  await db.insert(loginThrottles).values({ account, deviceId, updatedAt: now }).onConflictDoNothing();
}
