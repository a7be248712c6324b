import { describe, expect, it } from 'vitest';
import { DURATIONS, durationOptions } from './durations';

describe('DURATIONS', () => {
  it('labels each length in hours and minutes, never as a fraction of an hour', () => {
    expect(DURATIONS.map((d) => d.label)).toEqual([
      '15 min',
      '20 min',
      '30 min',
      '45 min',
      '1 h',
      '1 h 30 min',
      '2 h',
      '3 h',
    ]);
    expect(DURATIONS.map((d) => d.value)).toEqual(['15', '20', '30', '45', '60', '90', '120', '180']);
  });
});

describe('durationOptions', () => {
  it('adds a type’s own length (40 min) in order, and nothing for a listed or malformed one', () => {
    expect(durationOptions('40').map((d) => d.label)).toEqual([
      '15 min',
      '20 min',
      '30 min',
      '40 min',
      '45 min',
      '1 h',
      '1 h 30 min',
      '2 h',
      '3 h',
    ]);
    expect(durationOptions('30')).toBe(DURATIONS);
    expect(durationOptions('')).toBe(DURATIONS);
    expect(durationOptions('abc')).toBe(DURATIONS);
  });
});
