/** The server's notion of "now": injectable so tests can move time (session expiry, record locks, throttling). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` when created and then runs at real speed (browser tests pin "today" this way). */
export function offsetClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** The running server's clock: the system's, unless the configuration starts it elsewhere (tests only). */
export function clockFromConfig(config: { clockStart: Date | undefined }): Clock {
  return config.clockStart ? offsetClock(config.clockStart) : systemClock;
}
