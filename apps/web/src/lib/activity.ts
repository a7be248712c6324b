/**
 * When the person at this screen last touched it (a key, a click, a tap, the wheel). Calls made long after that
 * are screens refreshing themselves (Today every few seconds): the tRPC link marks them unattended, and the
 * server does not count them as activity, so a screen left alone still idles out (the API's UNATTENDED_HEADER).
 */
export const UNATTENDED_AFTER_MS = 60_000;
export const UNATTENDED_HEADER = 'x-vetflow-unattended';

let lastInputAt = Date.now();

if (typeof window !== 'undefined') {
  const seen = () => {
    lastInputAt = Date.now();
  };
  for (const event of ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const) {
    window.addEventListener(event, seen, { capture: true, passive: true });
  }
}

/** Headers for a call made now: marked unattended when nobody has touched the page for a while. */
export function activityHeaders(now = Date.now()): Record<string, string> {
  return now - lastInputAt > UNATTENDED_AFTER_MS ? { [UNATTENDED_HEADER]: '1' } : {};
}
