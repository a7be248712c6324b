/**
 * Formatting for people: dates and times in the browser's locale and time zone, ages, weights, labels.
 * Pure functions (the clock is a parameter) so they are unit-tested.
 */

const LOCALE = undefined; // the browser's

const dateFmt = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short' });
const longDayFmt = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export const formatDate = (d: Date | null | undefined) => (d ? dateFmt.format(d) : '—');
export const formatTime = (d: Date | null | undefined) => (d ? timeFmt.format(d) : '—');
export const formatDateTime = (d: Date | null | undefined) =>
  d ? `${dateFmt.format(d)}, ${timeFmt.format(d)}` : '—';
export const formatWeekday = (d: Date) => weekdayFmt.format(d);
export const formatLongDay = (d: Date) => longDayFmt.format(d);
export const formatTimeRange = (start: Date, end: Date) => `${timeFmt.format(start)}–${timeFmt.format(end)}`;

/** A calendar date (`YYYY-MM-DD`, no time zone) as a local Date at midnight. */
export function parseCalendarDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export { toCalendarDate } from '@vetflow/schema/calendar-date';

export const formatCalendarDate = (value: string | null | undefined) => formatDate(parseCalendarDate(value));

/** "3 years 2 months", "5 months", "12 days"; null without a birth date. */
export function formatAge(dateOfBirth: string | null | undefined, now: Date): string | null {
  const birth = parseCalendarDate(dateOfBirth);
  if (!birth || birth > now) return null;
  let months = (now.getFullYear() - birth.getFullYear()) * 12 + (now.getMonth() - birth.getMonth());
  if (now.getDate() < birth.getDate()) months -= 1;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (years >= 2) return rest ? `${plural(years, 'year')} ${plural(rest, 'month')}` : plural(years, 'year');
  if (months >= 1) return plural(months, 'month');
  const days = Math.floor((now.getTime() - birth.getTime()) / 86_400_000);
  return plural(days, 'day');
}

export const formatWeight = (kg: number | null | undefined) =>
  kg === null || kg === undefined
    ? '—'
    : `${Number(kg).toLocaleString(LOCALE, { maximumFractionDigits: 2 })} kg`;

/** Whole minutes between two instants, never negative. */
export const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatRelative(d: Date | null | undefined, now: Date): string {
  if (!d) return '—';
  const minutes = Math.round((now.getTime() - d.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return formatDateTime(d);
}

/** `checked_in` → "Checked in"; `first_name` → "First name" (shared with the audit labels). */
export { humanize } from '@vetflow/schema/audit-display';

export const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

const ROLE_LABELS = {
  admin: 'Administrator',
  veterinarian: 'Veterinarian',
  assistant: 'Assistant',
  display: 'Waiting-room display',
} as const;
export const roleLabel = (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role];

/** A short, readable device name from a User-Agent: "Chrome on Linux", "Safari on iPhone". */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /HeadlessChrome\//.test(ua)
          ? 'Headless Chrome'
          : /Chrom(e|ium)\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : /curl|node|undici/i.test(ua)
                ? 'Script'
                : 'Browser';
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux|X11/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}

export const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
export const addDays = (d: Date, days: number) =>
  new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, d.getHours(), d.getMinutes());
export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
/** Monday of the week containing d, at midnight. */
export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  const offset = (day.getDay() + 6) % 7;
  return addDays(day, -offset);
}
export const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "HH:mm" of a local Date. */
export const toTimeString = (d: Date) =>
  `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** A local Date from a calendar date and "HH:mm"; null when either is malformed. */
export function combineDateTime(date: string, time: string): Date | null {
  const day = parseCalendarDate(date);
  const m = /^(\d{1,2}):(\d{2})/.exec(time);
  if (!day || !m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
}
