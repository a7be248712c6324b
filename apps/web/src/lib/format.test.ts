import { describe, expect, it } from 'vitest';
import {
  combineDateTime,
  describeUserAgent,
  formatAge,
  formatDuration,
  formatRelative,
  formatWeight,
  humanize,
  minutesBetween,
  parseCalendarDate,
  startOfWeek,
  toCalendarDate,
  toTimeString,
} from './format';

describe('formatAge', () => {
  const now = new Date(2026, 10, 25);
  it('gives years and months for grown animals', () => {
    expect(formatAge('2015-05-27', now)).toBe('11 years 5 months');
    expect(formatAge('2020-11-25', now)).toBe('6 years');
  });
  it('gives months under two years and days under a month', () => {
    expect(formatAge('2025-11-25', now)).toBe('12 months');
    expect(formatAge('2026-09-24', now)).toBe('2 months');
    expect(formatAge('2026-11-20', now)).toBe('5 days');
    expect(formatAge('2026-11-24', now)).toBe('1 day');
  });
  it('is null without a valid past birth date', () => {
    expect(formatAge(null, now)).toBeNull();
    expect(formatAge('2027-01-01', now)).toBeNull();
    expect(formatAge('not a date', now)).toBeNull();
  });
});

describe('calendar dates and times', () => {
  it('round-trips a calendar date in local time', () => {
    const d = parseCalendarDate('2026-03-09')!;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 2, 9, 0]);
    expect(toCalendarDate(d)).toBe('2026-03-09');
  });
  it('combines a date and a time, refusing nonsense', () => {
    const d = combineDateTime('2026-11-25', '09:30')!;
    expect(toTimeString(d)).toBe('09:30');
    expect(toCalendarDate(d)).toBe('2026-11-25');
    expect(combineDateTime('2026-11-25', '25:00')).toBeNull();
    expect(combineDateTime('', '09:30')).toBeNull();
  });
  it('starts weeks on Monday', () => {
    expect(toCalendarDate(startOfWeek(new Date(2026, 10, 25)))).toBe('2026-11-23');
    expect(toCalendarDate(startOfWeek(new Date(2026, 10, 29)))).toBe('2026-11-23');
    expect(toCalendarDate(startOfWeek(new Date(2026, 10, 23)))).toBe('2026-11-23');
  });
});

describe('small formats', () => {
  it('formats weights, durations, minutes', () => {
    expect(formatWeight(null)).toBe('—');
    expect(formatWeight(10.5)).toMatch(/^10[.,]5 kg$/);
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(90)).toBe('1 h 30 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(minutesBetween(new Date(0), new Date(16 * 60_000 + 59_000))).toBe(16);
    expect(minutesBetween(new Date(60_000), new Date(0))).toBe(0);
  });
  it('says how long ago', () => {
    const now = new Date(2026, 0, 1, 12, 0);
    expect(formatRelative(new Date(2026, 0, 1, 11, 59, 50), now)).toBe('just now');
    expect(formatRelative(new Date(2026, 0, 1, 11, 30), now)).toBe('30 min ago');
    expect(formatRelative(new Date(2026, 0, 1, 9, 0), now)).toBe('3 h ago');
    expect(formatRelative(null, now)).toBe('—');
  });
  it('humanizes column and enum names', () => {
    expect(humanize('first_name')).toBe('First name');
    expect(humanize('checked_in')).toBe('Checked in');
    expect(humanize('weightKg')).toBe('Weight kg');
  });
  it('names devices from user agents', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Windows',
    );
    expect(describeUserAgent(null)).toBe('Unknown device');
  });
});
