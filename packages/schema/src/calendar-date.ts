/**
 * A calendar date (`YYYY-MM-DD`, no time zone: birthdays, follow-ups, the day a schedule shows) is the day a Date
 * falls on by the clock where the code runs: the browser's for the person using it, the server's for the API.
 */

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** The calendar date `date` falls on, in local time. */
export const toCalendarDate = (date: Date) =>
  `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
