import { describe, expect, it } from 'vitest';
import { formatWait, minutesSince, serverOffsetMs } from './boardClock';

describe('the board clock', () => {
  it("counts on the server's clock when the TV's is off", () => {
    const serverNow = new Date('2030-01-10T10:00:00Z');
    const receivedAt = serverNow.getTime() - 7 * 60_000; // the TV is 7 minutes slow
    const offset = serverOffsetMs(serverNow, receivedAt);
    const checkedIn = new Date('2030-01-10T09:48:00Z');
    expect(minutesSince(checkedIn, receivedAt, offset)).toBe(12);
    expect(minutesSince(checkedIn, receivedAt + 60_000, offset)).toBe(13);
  });

  it('never shows a negative wait (a check-in stamped a moment after the answer left)', () => {
    expect(minutesSince(new Date(10_000), 0, 0)).toBe(0);
  });

  it('reads as short words', () => {
    expect(formatWait(12)).toBe('12 min');
    expect(formatWait(65)).toBe('1 h 05 min');
  });
});
