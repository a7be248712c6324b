import { DEFAULT_TRIAGE_MINUTES } from '@vetflow/schema/values';
import { describe, expect, it } from 'vitest';
import { isOverdue, waitLabel, waitOf } from './triage';

const now = new Date(2026, 0, 1, 10, 0);
const ago = (minutes: number, seconds = 0) => new Date(now.getTime() - (minutes * 60 + seconds) * 1000);

describe('isOverdue', () => {
  it('flags an emergency at once, even checked in this second', () => {
    expect(isOverdue('emergency', now, now, DEFAULT_TRIAGE_MINUTES)).toBe(true);
    expect(isOverdue('emergency', ago(0, 5), now, DEFAULT_TRIAGE_MINUTES)).toBe(true);
  });

  it('flags urgent after 15 whole minutes and routine after 30, by default', () => {
    expect(isOverdue('urgent', ago(15, 59), now, DEFAULT_TRIAGE_MINUTES)).toBe(false);
    expect(isOverdue('urgent', ago(16), now, DEFAULT_TRIAGE_MINUTES)).toBe(true);
    expect(isOverdue('routine', ago(30, 59), now, DEFAULT_TRIAGE_MINUTES)).toBe(false);
    expect(isOverdue('routine', ago(31), now, DEFAULT_TRIAGE_MINUTES)).toBe(true);
  });

  it('follows the clinic’s thresholds, where 0 means at once for any priority', () => {
    const strict = { emergency: 0, urgent: 0, routine: 5 };
    expect(isOverdue('urgent', now, now, strict)).toBe(true);
    expect(isOverdue('routine', ago(5), now, strict)).toBe(false);
    expect(isOverdue('routine', ago(6), now, strict)).toBe(true);
    const relaxed = { emergency: 10, urgent: 60, routine: 120 };
    expect(isOverdue('emergency', ago(9), now, relaxed)).toBe(false);
    expect(isOverdue('emergency', ago(11), now, relaxed)).toBe(true);
  });

  it('treats a check-in stamped ahead of this browser’s clock as no wait yet', () => {
    const later = new Date(now.getTime() + 90_000);
    expect(isOverdue('urgent', later, now, DEFAULT_TRIAGE_MINUTES)).toBe(false);
    expect(isOverdue('emergency', later, now, DEFAULT_TRIAGE_MINUTES)).toBe(true);
  });
});

describe('waitOf and waitLabel', () => {
  it('describe only a checked-in patient', () => {
    expect(
      waitOf(
        { status: 'in_progress', checkedInAt: ago(40), priority: 'routine' },
        now,
        DEFAULT_TRIAGE_MINUTES,
      ),
    ).toBeNull();
    expect(
      waitOf({ status: 'checked_in', checkedInAt: null, priority: 'routine' }, now, DEFAULT_TRIAGE_MINUTES),
    ).toBeNull();
  });

  it('say how long, and past which threshold, in words', () => {
    const waiting = (priority: 'routine' | 'urgent' | 'emergency', minutes: number) =>
      waitLabel(
        waitOf({ status: 'checked_in', checkedInAt: ago(minutes), priority }, now, DEFAULT_TRIAGE_MINUTES)!,
      );
    expect(waiting('routine', 12)).toBe('Waiting 12 min');
    expect(waiting('routine', 32)).toBe('Waiting 32 min — over 30 min');
    expect(waiting('urgent', 30)).toBe('Waiting 30 min — over 15 min');
    expect(waiting('emergency', 1)).toBe('Waiting 1 min — see at once');
  });
});
