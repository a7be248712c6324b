import { formatWeight } from '../../lib/format';

/** Beyond this share of the last recorded weight, up or down, a new weight is asked about before it is saved. */
const PLAUSIBLE_CHANGE = 0.5;

/** Weights are kept to 0.01 kg: compared as whole hundredths, so 15 from 10 is exactly 50 %. */
const hundredths = (kg: number) => Math.round(kg * 100);

/** The change as a whole percentage, with decimals only where rounding would hide that it is over 50 %. */
function percent(ratio: number) {
  const whole = Math.round(ratio * 100);
  return whole > PLAUSIBLE_CHANGE * 100 ? `${whole}` : `${Number((ratio * 100).toFixed(2))}`;
}

/**
 * The question to ask when `next` is more than 50 % above or below the `previous` weight (a slip of the decimal
 * point, 104 for 10.4), or null when it is within that or either is unknown.
 */
export function implausibleWeightChange(previous: number | null, next: number | null): string | null {
  if (previous === null || next === null || previous <= 0) return null;
  const [p, n] = [hundredths(previous), hundredths(next)];
  if (Math.abs(n - p) * 100 <= PLAUSIBLE_CHANGE * 100 * p) return null;
  const direction = n > p ? 'more' : 'less';
  return `The weight ${formatWeight(next)} is ${percent(Math.abs(n - p) / p)} % ${direction} than the last recorded ${formatWeight(previous)}. Save it anyway?`;
}
