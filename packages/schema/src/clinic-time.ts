/**
 * Wall-clock times in the clinic's time zone (IANA name) ↔ instants, with the platform's Intl time zone data, so
 * opening hours mean the same on a server in another zone and across daylight-saving changes.
 */
import type { DayHours, OpeningHours, Weekday } from './values';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone this platform knows. */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The time zone of the process (the server's, or the browser's). */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const WEEKDAY_OF: Record<string, Weekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** What the clock on the clinic's wall shows at `instant`: calendar date, ISO weekday, minutes since midnight. */
export function wallClock(instant: Date, zone: string) {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_OF[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string) {
  const w = wallClock(new Date(instant), zone);
  const [y, m, d] = w.date.split('-').map(Number);
  const asUtc = Date.UTC(y!, m! - 1, d!, 0, w.minutes, w.seconds);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `HH:MM` (00:00–24:00) as minutes since midnight. */
export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `minutes` since midnight as `HH:MM`. */
export const fromMinutes = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The instant the clinic's wall clock shows `minutes` after midnight of `date` (`YYYY-MM-DD`); 24:00 is the next
 * midnight. A wall time skipped by a daylight-saving change lands after the gap.
 */
export function zonedInstant(date: string, minutes: number, zone: string): Date {
  const key = `${zone} ${date} ${minutes}`;
  let instant = zonedInstants.get(key);
  if (instant === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    const guess = Date.UTC(y!, m! - 1, d!, 0, minutes);
    const first = guess - offsetAt(guess, zone);
    const second = guess - offsetAt(first, zone);
    instant = Math.max(first, second);
    // Bounded: the oldest answer goes first once it is full.
    if (zonedInstants.size >= ZONED_INSTANTS_KEPT) zonedInstants.delete(zonedInstants.keys().next().value!);
    zonedInstants.set(key, instant);
  }
  return new Date(instant);
}

/**
 * zonedInstant's answers, which depend on nothing but their arguments and the platform's time zone data: a
 * booking asks for the same day's opening and closing again and again, and each answer costs four Intl
 * formatting calls (a twentieth of a booking's CPU in issue 12's profile).
 */
const zonedInstants = new Map<string, number>();
const ZONED_INSTANTS_KEPT = 4096;

/** The ISO weekday of a calendar date (which needs no zone). */
export function weekdayOf(date: string): Weekday {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/** A weekday's opening hours. */
export const hoursOn = (hours: OpeningHours, weekday: Weekday): DayHours => hours[weekday - 1] ?? null;
