import { afterEach, describe, expect, it } from 'vitest';
import { followUpProblem } from './followUp';

// The follow-up is compared with the visit's LOCAL calendar day. Node reads TZ afresh when it is changed, so each
// case runs in a zone where the UTC date and the local date of the visit differ.
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

describe('followUpProblem', () => {
  it('west of UTC (evening, already tomorrow in UTC): the local day is fine, the day before refused', () => {
    process.env.TZ = 'America/Los_Angeles';
    const visit = new Date('2026-03-10T05:30:00Z'); // 9 March, 22:30 in Los Angeles
    expect(visit.getDate()).toBe(9);
    expect(followUpProblem('2026-03-09', visit)).toBeNull();
    expect(followUpProblem('2026-03-10', visit)).toBeNull();
    expect(followUpProblem('2026-03-08', visit)).toBe('Cannot be before the visit');
  });

  it('east of UTC (morning, still yesterday in UTC): the UTC date is already the day before', () => {
    process.env.TZ = 'Pacific/Auckland';
    const visit = new Date('2026-03-09T20:00:00Z'); // 10 March, 09:00 in Auckland
    expect(visit.getDate()).toBe(10);
    expect(followUpProblem('2026-03-10', visit)).toBeNull();
    expect(followUpProblem('2026-03-09', visit)).toBe('Cannot be before the visit');
  });

  it('no follow-up, no problem', () => {
    expect(followUpProblem('', new Date())).toBeNull();
  });
});
