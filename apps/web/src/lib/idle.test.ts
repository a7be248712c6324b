import { describe, expect, it } from 'vitest';
import { formatCountdown, isWarning, nextCheckIn, WARNING_POLL_MS, warningLeadMs } from './idle';

const MINUTE = 60_000;

describe('the idle warning', () => {
  it('comes two minutes before a 30-minute timeout, a third before a short test one', () => {
    expect(warningLeadMs(30 * MINUTE)).toBe(2 * MINUTE);
    expect(warningLeadMs(30_000)).toBe(10_000);
  });

  it('shows only when the server says the end is within the window', () => {
    const base = { idleTimeoutMs: 30 * MINUTE, absoluteRemainingMs: 10 * 60 * MINUTE };
    expect(isWarning({ ...base, idleRemainingMs: 2 * MINUTE + 1 })).toBe(false);
    expect(isWarning({ ...base, idleRemainingMs: 2 * MINUTE })).toBe(true);
    expect(isWarning({ ...base, idleRemainingMs: 0 })).toBe(true);
  });

  it('asks again when the window opens, then every few seconds, then right at the end', () => {
    const expiry = {
      idleTimeoutMs: 30 * MINUTE,
      idleRemainingMs: 30 * MINUTE,
      absoluteRemainingMs: 12 * 60 * MINUTE,
    };
    const received = 1_000_000;
    expect(nextCheckIn(expiry, received, received)).toBe(28 * MINUTE);
    expect(nextCheckIn(expiry, received, received + 28 * MINUTE)).toBe(WARNING_POLL_MS);
    expect(nextCheckIn(expiry, received, received + 30 * MINUTE - 2000)).toBe(2000);
    // Past the end (a sleeping laptop): at once, never a busy loop.
    expect(nextCheckIn(expiry, received, received + 40 * MINUTE)).toBe(250);
  });

  it('counts down in minutes and seconds', () => {
    expect(formatCountdown(2 * MINUTE)).toBe('2:00');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(400)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
