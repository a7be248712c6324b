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
