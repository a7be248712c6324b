/**
 * The board counts waiting times on the server's clock, not the TV's (a screen's own clock is often minutes
 * off): each answer carries the server's `now`, and the offset from this browser's clock is kept until the next.
 */
export function serverOffsetMs(serverNow: Date, receivedAt: number): number {
  return serverNow.getTime() - receivedAt;
}

/** Whole minutes since `since` on the server's clock, never negative. */
export function minutesSince(since: Date, localNow: number, offsetMs: number): number {
  return Math.max(0, Math.floor((localNow + offsetMs - since.getTime()) / 60_000));
}

/** "12 min", "1 h 05 min": short enough to read across a waiting room. */
export function formatWait(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
