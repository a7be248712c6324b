import type { AppointmentPriority, AppointmentStatus } from '@vetflow/schema/values';
import { minutesBetween } from '../../lib/format';

/** Minutes a checked-in patient of each priority may wait before Today flags it (clinic settings). */
export type TriageMinutes = Record<AppointmentPriority, number>;

/**
 * Whether a patient checked in at `checkedInAt` has waited past its priority's threshold at `now`. A threshold
 * of 0 flags at once (an emergency is seen now, not in a minute); otherwise the whole minutes waited must exceed
 * it, so the card never reads "Waiting 15 min — over 15 min".
 */
export function isOverdue(
  priority: AppointmentPriority,
  checkedInAt: Date,
  now: Date,
  thresholds: TriageMinutes,
): boolean {
  const limit = thresholds[priority];
  return limit === 0 || minutesBetween(checkedInAt, now) > limit;
}

/** One waiting patient's wait as Today shows it; null when the appointment is not waiting. */
export interface Wait {
  minutes: number;
  /** Its priority's threshold. */
  limit: number;
  overdue: boolean;
}

export function waitOf(
  a: { status: AppointmentStatus; checkedInAt: Date | null; priority: AppointmentPriority },
  now: Date,
  thresholds: TriageMinutes,
): Wait | null {
  if (a.status !== 'checked_in' || !a.checkedInAt) return null;
  return {
    minutes: minutesBetween(a.checkedInAt, now),
    limit: thresholds[a.priority],
    overdue: isOverdue(a.priority, a.checkedInAt, now, thresholds),
  };
}

/** The words of a wait, never colour alone: "Waiting 32 min — over 30 min", "Waiting 1 min — see at once". */
export function waitLabel(wait: Wait): string {
  const waiting = `Waiting ${wait.minutes} min`;
  if (!wait.overdue) return waiting;
  return `${waiting} — ${wait.limit === 0 ? 'see at once' : `over ${wait.limit} min`}`;
}
