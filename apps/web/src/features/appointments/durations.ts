import { formatDuration } from '../../lib/format';

/** The lengths an appointment can be booked or rescheduled for, labelled as the rest of the app says them. */
export const DURATIONS = [15, 20, 30, 45, 60, 90, 120, 180].map((m) => ({
  value: String(m),
  label: formatDuration(m),
}));

/** The lengths on offer plus `current` (a type's own default, say 40 minutes) when it is not one of them. */
export function durationOptions(current: string) {
  const minutes = Number(current);
  if (!Number.isInteger(minutes) || minutes <= 0 || DURATIONS.some((d) => d.value === current))
    return DURATIONS;
  return [...DURATIONS, { value: current, label: formatDuration(minutes) }].sort(
    (a, b) => Number(a.value) - Number(b.value),
  );
}
