import { describe, expect, it } from 'vitest';
import { clinicSettingsUpdateInput, triageMinutes } from '../src/validators/index';
import { DEFAULT_TRIAGE_MINUTES, LIMITS } from '../src/values';

// The triage thresholds an admin sets: whole minutes from 0 to 8 hours, the more pressing priority never flagged
// later than the less pressing one, and every refusal on the field the admin has to fix.

const updatedAt = new Date('2030-01-07T10:00:00Z');

/** Each refusal as [dot-joined path, message]. */
function refusals(input: unknown): [string, string][] {
  const result = clinicSettingsUpdateInput.safeParse({ updatedAt, triageMinutes: input });
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('triage thresholds', () => {
  it('accept the defaults, equal thresholds, zero and the maximum', () => {
    expect(triageMinutes.parse(DEFAULT_TRIAGE_MINUTES)).toEqual({ emergency: 0, urgent: 15, routine: 30 });
    expect(triageMinutes.parse({ emergency: 0, urgent: 0, routine: 0 })).toBeTruthy();
    expect(triageMinutes.parse({ emergency: 10, urgent: 10, routine: 10 })).toBeTruthy();
    const max = LIMITS.maxTriageMinutes;
    expect(triageMinutes.parse({ emergency: max, urgent: max, routine: max })).toBeTruthy();
  });

  it('may be saved alone, or left out when the opening hours are saved', () => {
    expect(clinicSettingsUpdateInput.parse({ updatedAt, triageMinutes: DEFAULT_TRIAGE_MINUTES })).toEqual({
      updatedAt,
      triageMinutes: DEFAULT_TRIAGE_MINUTES,
    });
    expect(clinicSettingsUpdateInput.parse({ updatedAt, timeZone: 'UTC' })).toEqual({
      updatedAt,
      timeZone: 'UTC',
    });
  });

  it('refuse a value out of bounds, a fraction or text, naming the priority', () => {
    expect(refusals({ emergency: -1, urgent: 15, routine: 30 })).toEqual([
      ['triageMinutes.emergency', 'At least 0 minutes'],
    ]);
    expect(refusals({ emergency: 0, urgent: 15, routine: 481 })).toEqual([
      ['triageMinutes.routine', 'At most 480 minutes'],
    ]);
    expect(refusals({ emergency: 0, urgent: 7.5, routine: 30 })).toEqual([
      ['triageMinutes.urgent', 'Whole minutes'],
    ]);
    expect(refusals({ emergency: 0, urgent: '15', routine: 30 })).toEqual([
      ['triageMinutes.urgent', 'Must be a number of minutes'],
    ]);
  });

  it('refuse a missing priority and an unknown one', () => {
    expect(refusals({ emergency: 0, urgent: 15 }).map(([path]) => path)).toEqual(['triageMinutes.routine']);
    expect(refusals({ ...DEFAULT_TRIAGE_MINUTES, walkIn: 5 }).map(([path]) => path)).toEqual([
      'triageMinutes',
    ]);
  });

  it('refuse an order where a more pressing priority would be flagged later, on the less pressing field', () => {
    expect(refusals({ emergency: 20, urgent: 10, routine: 30 })).toEqual([
      ['triageMinutes.urgent', 'At least the emergency threshold (20 min)'],
    ]);
    expect(refusals({ emergency: 0, urgent: 45, routine: 30 })).toEqual([
      ['triageMinutes.routine', 'At least the urgent threshold (45 min)'],
    ]);
    expect(refusals({ emergency: 60, urgent: 30, routine: 10 })).toEqual([
      ['triageMinutes.urgent', 'At least the emergency threshold (60 min)'],
      ['triageMinutes.routine', 'At least the urgent threshold (30 min)'],
    ]);
  });
});
