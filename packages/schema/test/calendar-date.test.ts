import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../src/calendar-date';

describe('toCalendarDate', () => {
  it('is the local day a Date falls on, zero-padded', () => {
    expect(toCalendarDate(new Date(2026, 2, 9))).toBe('2026-03-09');
    expect(toCalendarDate(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
    expect(toCalendarDate(new Date(2026, 11, 31, 23, 59, 59, 999))).toBe('2026-12-31');
  });

  it('reads back through the calendar date format (YYYY-MM-DD)', () => {
    for (const day of [new Date(1900, 0, 1), new Date(2024, 1, 29), new Date(2200, 11, 31)]) {
      const text = toCalendarDate(day);
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [y, m, d] = text.split('-').map(Number);
      expect(new Date(y!, m! - 1, d!).getTime()).toBe(day.getTime());
    }
  });
});
