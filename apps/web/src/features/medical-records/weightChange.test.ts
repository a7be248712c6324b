import { describe, expect, it } from 'vitest';
import { implausibleWeightChange } from './weightChange';

describe('implausibleWeightChange', () => {
  it('asks about a slipped decimal point, naming both weights and the change', () => {
    expect(implausibleWeightChange(10.4, 104)).toBe(
      'The weight 104 kg is 900 % more than the last recorded 10.4 kg. Save it anyway?',
    );
    expect(implausibleWeightChange(10.4, 1.04)).toBe(
      'The weight 1.04 kg is 90 % less than the last recorded 10.4 kg. Save it anyway?',
    );
  });

  it('allows exactly 50 % up or down, and asks beyond it', () => {
    expect(implausibleWeightChange(10, 15)).toBeNull();
    expect(implausibleWeightChange(10, 5)).toBeNull();
    expect(implausibleWeightChange(10.4, 15.6)).toBeNull();
    expect(implausibleWeightChange(10.4, 5.2)).toBeNull();
    expect(implausibleWeightChange(10, 15.01)).toBe(
      'The weight 15.01 kg is 50.1 % more than the last recorded 10 kg. Save it anyway?',
    );
    expect(implausibleWeightChange(10, 4.99)).toBe(
      'The weight 4.99 kg is 50.1 % less than the last recorded 10 kg. Save it anyway?',
    );
    expect(implausibleWeightChange(10.4, 15.61)).not.toBeNull();
    expect(implausibleWeightChange(10.4, 5.19)).not.toBeNull();
  });

  it('says nothing when either weight is unknown or unchanged', () => {
    expect(implausibleWeightChange(null, 104)).toBeNull();
    expect(implausibleWeightChange(10.4, null)).toBeNull();
    expect(implausibleWeightChange(10.4, 10.4)).toBeNull();
  });
});
