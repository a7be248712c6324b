/**
 * The browser tests' calendar: every server they start runs on a clock that begins at a chosen instant of one
 * fixed weekday (the demo seed builds its week around it, in UTC), so what Today shows never depends on the hour
 * CI happens to run. The day lies in the past: the validators refuse visit dates in the (real) future.
 */
export const E2E_DAY = '2026-11-24'; // a Tuesday

/** An instant of E2E_DAY, `hh:mm` UTC. */
export const at = (hhmm: string) => new Date(`${E2E_DAY}T${hhmm}:00Z`);

/** The suite's "now" at start: a working morning with one patient waiting longer than 15 minutes. */
export const E2E_NOW = at('10:10');

/** `d` as a calendar date (YYYY-MM-DD, UTC: the servers and browsers of these tests all run in UTC). */
export const calendarDate = (d: Date) => d.toISOString().slice(0, 10);
