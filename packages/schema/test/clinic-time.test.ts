import { describe, expect, it } from 'vitest';
import { isTimeZone, toMinutes, wallClock, weekdayOf, zonedInstant } from '../src/clinic-time';
import { clinicSettingsUpdateInput } from '../src/validators';

describe('clinic time', () => {
  it('turns a wall time in the clinic’s zone into the instant, across daylight-saving changes', () => {
    expect(zonedInstant('2026-11-24', toMinutes('08:00'), 'UTC')).toEqual(new Date('2026-11-24T08:00:00Z'));
    expect(zonedInstant('2026-11-24', toMinutes('08:00'), 'Europe/Berlin')).toEqual(
      new Date('2026-11-24T07:00:00Z'),
    );
    expect(zonedInstant('2026-07-01', toMinutes('08:00'), 'Europe/Berlin')).toEqual(
      new Date('2026-07-01T06:00:00Z'),
    );
    // 29 March 2026: Berlin skips 02:00–03:00; a closing at 24:00 is the next midnight.
    expect(zonedInstant('2026-03-29', toMinutes('12:00'), 'Europe/Berlin')).toEqual(
      new Date('2026-03-29T10:00:00Z'),
    );
    expect(zonedInstant('2026-03-28', toMinutes('24:00'), 'Europe/Berlin')).toEqual(
      new Date('2026-03-28T23:00:00Z'),
    );
    expect(zonedInstant('2026-11-24', toMinutes('08:00'), 'America/New_York')).toEqual(
      new Date('2026-11-24T13:00:00Z'),
    );
  });

  it('answers a wall time asked again the same, as a Date of its own, and per zone', () => {
    const first = zonedInstant('2026-10-25', toMinutes('09:30'), 'Europe/London');
    first.setTime(0); // a caller's change to its Date is not the next caller's answer
    const again = zonedInstant('2026-10-25', toMinutes('09:30'), 'Europe/London');
    expect(again).toEqual(new Date('2026-10-25T09:30:00Z'));
    expect(again).not.toBe(first);
    expect(zonedInstant('2026-10-25', toMinutes('09:30'), 'Asia/Kolkata')).toEqual(
      new Date('2026-10-25T04:00:00Z'),
    );
    expect(zonedInstant('2026-10-24', toMinutes('09:30'), 'Europe/London')).toEqual(
      new Date('2026-10-24T08:30:00Z'),
    );
  });

  it('reads the clinic’s date, weekday and minutes at an instant', () => {
    // 23:30 UTC on a Tuesday is already Wednesday in Berlin.
    expect(wallClock(new Date('2026-11-24T23:30:00Z'), 'Europe/Berlin')).toMatchObject({
      date: '2026-11-25',
      weekday: 3,
      minutes: 30,
    });
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-29')).toBe(7);
  });

  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('x'.repeat(65))).toBe(false);
  });

  it('settings: closing after opening, HH:MM, seven days', () => {
    const week = Array.from({ length: 7 }, () => ({ open: '08:00', close: '18:00' }));
    const updatedAt = new Date();
    expect(
      clinicSettingsUpdateInput.safeParse({ updatedAt, timeZone: null, openingHours: week }).success,
    ).toBe(true);
    const bad = clinicSettingsUpdateInput.safeParse({
      updatedAt,
      timeZone: 'Europe/Berlin',
      openingHours: [{ open: '18:00', close: '08:00' }, { open: '24:00', close: '24:00' }, ...week.slice(2)],
    });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'openingHours.0.close',
      'openingHours.1.close',
      'openingHours.1.open',
    ]);
  });
});
