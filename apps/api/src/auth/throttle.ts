import { type Database, queries } from '@vetflow/db';
import { systemUsers } from '@vetflow/schema';
import { eq } from 'drizzle-orm';

/** Failures allowed before each further attempt has to wait. */
export const FREE_LOGIN_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * After the 5th consecutive failure an account's next attempt waits 1 s, then 2 s, 4 s … up to 15 minutes.
 * A delay, never a lock-out, so an attacker cannot lock staff out of their accounts.
 */
export function loginDelayMs(failedCount: number): number {
  if (failedCount < FREE_LOGIN_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failedCount - FREE_LOGIN_FAILURES), MAX_DELAY_MS);
}

export type LoginClaim = { status: 'throttled'; waitSeconds: number } | { status: 'claimed' };

/**
 * Checks the account's delay and, if it has passed, counts this attempt as a failure before the password is
 * verified (a correct password then resets the count). The row is locked while doing so, so attempts sent in
 * parallel queue up here: each sees the count and delay the previous one left, and none is lost or slips past.
 */
export async function claimLoginAttempt(db: Database, userId: string, now: Date): Promise<LoginClaim> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        failedLoginCount: systemUsers.failedLoginCount,
        loginBlockedUntil: systemUsers.loginBlockedUntil,
      })
      .from(systemUsers)
      .where(eq(systemUsers.id, userId))
      .for('update');
    if (row?.loginBlockedUntil && row.loginBlockedUntil > now) {
      return {
        status: 'throttled',
        waitSeconds: Math.ceil((row.loginBlockedUntil.getTime() - now.getTime()) / 1000),
      };
    }
    const failures = (row?.failedLoginCount ?? 0) + 1;
    const delay = loginDelayMs(failures);
    await queries.recordLoginFailure(tx, userId, failures, delay ? new Date(now.getTime() + delay) : null);
    return { status: 'claimed' };
  });
}

/**
 * The same delays for usernames that have no account, kept in memory (bounded): without it, only real
 * accounts would ever be throttled and six wrong attempts would tell an attacker which usernames exist.
 */
export class UnknownAccountThrottle {
  private readonly entries = new Map<string, { failures: number; blockedUntil: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  claim(username: string, now: Date): LoginClaim {
    const key = username.toLowerCase();
    const entry = this.entries.get(key) ?? { failures: 0, blockedUntil: 0 };
    if (entry.blockedUntil > now.getTime()) {
      return { status: 'throttled', waitSeconds: Math.ceil((entry.blockedUntil - now.getTime()) / 1000) };
    }
    entry.failures += 1;
    entry.blockedUntil = now.getTime() + loginDelayMs(entry.failures);
    // Re-inserting keeps the map in least-recently-used order, so the oldest entry goes first when full.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { status: 'claimed' };
  }
}
