/** The server's notion of "now": injectable so tests can move time (session expiry, record locks, throttling). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
