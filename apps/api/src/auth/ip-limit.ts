import type { Executor } from '@vetflow/db';
import { loginRateLimits } from '@vetflow/schema';
import { sql } from 'drizzle-orm';

const WINDOW_MS = 60_000;

export type IpLimitVerdict = { allowed: true } | { allowed: false; waitSeconds: number };

/**
 * Counts one sign-in attempt for `ip` in its current one-minute window and says whether it is within `limit`.
 * Called where auth.login runs, so every call counts however the URL was spelled or batched. One atomic upsert:
 * parallel attempts cannot undercount.
 */
export async function countSignInAttempt(
  db: Executor,
  ip: string,
  now: Date,
  limit: number,
): Promise<IpLimitVerdict> {
  const windowOver = sql`${loginRateLimits.windowStartedAt} <= ${new Date(now.getTime() - WINDOW_MS).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginRateLimits)
    .values({ ip, windowStartedAt: now, attempts: 1 })
    .onConflictDoUpdate({
      target: loginRateLimits.ip,
      set: {
        attempts: sql`case when ${windowOver} then 1 else ${loginRateLimits.attempts} + 1 end`,
        windowStartedAt: sql`case when ${windowOver} then excluded.window_started_at else ${loginRateLimits.windowStartedAt} end`,
      },
    })
    .returning({ attempts: loginRateLimits.attempts, windowStartedAt: loginRateLimits.windowStartedAt });
  if (row!.attempts <= limit) return { allowed: true };
  const endsAt = row!.windowStartedAt.getTime() + WINDOW_MS;
  return { allowed: false, waitSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
