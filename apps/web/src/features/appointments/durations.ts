import { formatDuration } from '../../lib/format';

/** The lengths an appointment can be booked or rescheduled for, labelled as the rest of the app says them. */
export const DURATIONS = [15, 20, 30, 45, 60, 90, 120, 180].map((m) => ({
  value: String(m),
  label: formatDuration(m),
}));
