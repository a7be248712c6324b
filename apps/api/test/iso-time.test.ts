import { describe, expect, it } from 'vitest';
import { isoTime } from '../src/trpc/iso-time';

const FIRST_MS = Date.UTC(1000, 0, 1);
const END_MS = Date.UTC(10000, 0, 1);

describe('isoTime', () => {
  it("writes what V8's toISOString writes, at the edges of days, months, leap years and its range", () => {
    const edges = [
      0,
      -1,
      1,
      86_399_999,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999), // a leap day in a year divisible by 400
      Date.UTC(1900, 1, 28, 12), // 1900: not a leap year
      Date.UTC(2024, 1, 29),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      FIRST_MS,
      FIRST_MS - 1,
      END_MS - 1,
      END_MS,
      8.64e15,
      -8.64e15,
    ];
    for (const ms of edges) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it("writes what V8's toISOString writes for 200,000 times spread over years 1000–9999", () => {
    let seed = 12_345;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const date = new Date(FIRST_MS + Math.floor(next() * (END_MS - FIRST_MS)));
      if (isoTime(date) !== date.toISOString()) mismatches.push(date.toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('throws for an invalid date as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
