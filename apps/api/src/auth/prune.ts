import type { Executor } from '@vetflow/db';
import { loginRateLimits, loginThrottles } from '@vetflow/schema';
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import { DEVICE_COOKIE_LIFETIME_MS } from './device-cookie';
import { UNTRUSTED } from './throttle';

const DAY = 24 * 60 * 60_000;

/**
 * Keeps the sign-in bookkeeping small: anyone may type any username, so counters for them must not pile up.
 * Drops untrusted counters quiet for a day that delay nobody, trusted devices unused for longer than their cookie
 * lives, and per-IP windows that are over.
 */
export async function pruneSignInBookkeeping(db: Executor, now: Date) {
  const before = (ms: number) => new Date(now.getTime() - ms);
  await db
    .delete(loginThrottles)
    .where(
      and(
        eq(loginThrottles.deviceId, UNTRUSTED),
        lt(loginThrottles.updatedAt, before(DAY)),
        or(isNull(loginThrottles.blockedUntil), lt(loginThrottles.blockedUntil, now)),
      ),
    );
  await db
    .delete(loginThrottles)
    .where(
      and(
        ne(loginThrottles.deviceId, UNTRUSTED),
        lt(loginThrottles.updatedAt, before(DEVICE_COOKIE_LIFETIME_MS)),
      ),
    );
  await db.delete(loginRateLimits).where(lt(loginRateLimits.windowStartedAt, before(60_000)));
}
