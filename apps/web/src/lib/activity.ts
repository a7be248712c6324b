/**
 * When the person at this screen last touched it (a key, a click, a tap, the wheel). Calls made long after that
 * are screens refreshing themselves (Today every few seconds): the tRPC link marks them unattended, and the
 * server does not count them as activity, so a screen left alone still idles out (the API's UNATTENDED_HEADER).
 */
export const UNATTENDED_HEADER = 'x-vetflow-unattended';

/** A minute without input, or a third of a shorter idle window (test servers): see `adaptToIdleWindow`. */
const MAX_ATTENDED_MS = 60_000;
let attendedForMs = MAX_ATTENDED_MS;
let lastInputAt = Date.now();

if (typeof window !== 'undefined') {
  const seen = () => {
    lastInputAt = Date.now();
  };
  for (const event of ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const) {
    window.addEventListener(event, seen, { capture: true, passive: true });
  }
}

/** The server's idle window is known (auth.expiry): calls go unattended well before it could run out. */
export function adaptToIdleWindow(idleTimeoutMs: number) {
  attendedForMs = Math.min(MAX_ATTENDED_MS, Math.floor(idleTimeoutMs / 3));
}

/** Headers for a call made now: marked unattended when nobody has touched the page for a while. */
export function activityHeaders(now = Date.now()): Record<string, string> {
  return now - lastInputAt > attendedForMs ? { [UNATTENDED_HEADER]: '1' } : {};
}
