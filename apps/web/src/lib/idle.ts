/** How the app reads the server's answer to "when does my session end" (auth.expiry). */
export interface SessionExpiry {
  idleTimeoutMs: number;
  idleRemainingMs: number;
  absoluteRemainingMs: number;
}

/** The warning comes two minutes before the idle timeout, or a third of a shorter window (test servers). */
export const warningLeadMs = (idleTimeoutMs: number) => Math.min(2 * 60_000, Math.floor(idleTimeoutMs / 3));

/** While the warning shows, the server is asked this often, so activity in another tab closes it. */
export const WARNING_POLL_MS = 5_000;

/**
 * When to ask the server again, as a delay from `now`, for an answer received at `receivedAt` (both the browser's
 * clock; the answer's durations are the server's, so the two clocks never need to agree): at the start of the
 * warning window, then every few seconds, and right at the end (the refused answer sends the app to sign-in).
 */
export function nextCheckIn(expiry: SessionExpiry, receivedAt: number, now: number): number {
  const end = receivedAt + expiry.idleRemainingMs;
  const warnFrom = end - warningLeadMs(expiry.idleTimeoutMs);
  const at = now < warnFrom ? warnFrom : Math.min(end, now + WARNING_POLL_MS);
  return Math.max(250, at - now);
}

/** True when the server's last answer already falls in the warning window. */
export const isWarning = (expiry: SessionExpiry) =>
  expiry.idleRemainingMs <= warningLeadMs(expiry.idleTimeoutMs);

/** "1:05": minutes and seconds left. */
export function formatCountdown(ms: number) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
