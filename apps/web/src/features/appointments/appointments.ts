import { APPOINTMENT_TRANSITIONS, isReleased } from '@vetflow/schema/appointment-status';
import type { AppointmentPriority, AppointmentStatus } from '@vetflow/schema/values';

export type StatusAction =
  | { kind: 'status'; to: AppointmentStatus; label: string; primary: boolean }
  | { kind: 'cancel'; label: string; primary: false };

const ACTION_LABELS: Partial<Record<AppointmentStatus, string>> = {
  confirmed: 'Confirm',
  scheduled: 'Unconfirm',
  checked_in: 'Check in',
  in_progress: 'Start',
  completed: 'Complete',
  no_show: 'No-show',
};

/** The next step each status leads to, offered as the one-click primary button. */
const PRIMARY: Partial<Record<AppointmentStatus, AppointmentStatus>> = {
  scheduled: 'checked_in',
  confirmed: 'checked_in',
  checked_in: 'in_progress',
  in_progress: 'completed',
};

/**
 * What a person may do with an appointment in `status`, in the order to show: the primary step first, then the
 * other allowed moves, cancel (which needs a reason) last. Mirrors APPOINTMENT_TRANSITIONS, the rule the
 * server enforces.
 */
export function statusActions(status: AppointmentStatus): StatusAction[] {
  const allowed = APPOINTMENT_TRANSITIONS[status];
  const primary = PRIMARY[status];
  const actions: StatusAction[] = [];
  if (primary && allowed.includes(primary)) {
    actions.push({ kind: 'status', to: primary, label: ACTION_LABELS[primary]!, primary: true });
  }
  for (const to of allowed) {
    if (to === primary || to === 'cancelled') continue;
    actions.push({ kind: 'status', to, label: ACTION_LABELS[to] ?? to, primary: false });
  }
  if (allowed.includes('cancelled')) actions.push({ kind: 'cancel', label: 'Cancel', primary: false });
  return actions;
}

/** The status machine itself (transitions, released, reschedulable) is the schema's, shared with the API. */
export { canReschedule, isReleased } from '@vetflow/schema/appointment-status';

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  scheduled: 'gray',
  confirmed: 'blue',
  checked_in: 'orange',
  in_progress: 'violet',
  completed: 'green',
  cancelled: 'dark',
  no_show: 'red',
};

export const PRIORITY_COLORS: Record<AppointmentPriority, string> = {
  routine: 'gray',
  urgent: 'orange',
  emergency: 'red',
};

const PRIORITY_RANK: Record<AppointmentPriority, number> = { emergency: 0, urgent: 1, routine: 2 };

/** One column per veterinarian (every active vet, even with an empty day), appointments by start time. */
export function groupByVeterinarian<
  A extends { veterinarianId: string; startsAt: Date; priority: AppointmentPriority },
>(
  appointments: readonly A[],
  vets: readonly { id: string; fullName: string }[],
): { vet: { id: string; fullName: string }; appointments: A[] }[] {
  const columns = vets.map((vet) => ({ vet, appointments: [] as A[] }));
  const byId = new Map(columns.map((c) => [c.vet.id, c]));
  for (const a of appointments) {
    let column = byId.get(a.veterinarianId);
    if (!column) {
      // An appointment with a vet who is no longer active still shows.
      const vet = (a as unknown as { veterinarian?: { id: string; fullName: string } }).veterinarian ?? {
        id: a.veterinarianId,
        fullName: 'Former veterinarian',
      };
      column = { vet, appointments: [] };
      columns.push(column);
      byId.set(vet.id, column);
    }
    column.appointments.push(a);
  }
  for (const c of columns) {
    c.appointments.sort(
      (x, y) =>
        x.startsAt.getTime() - y.startsAt.getTime() || PRIORITY_RANK[x.priority] - PRIORITY_RANK[y.priority],
    );
  }
  return columns;
}

/** Whether [start, end) overlaps a live appointment of the list (a hint; the server is the authority). */
export function overlapsAny(
  start: Date,
  end: Date,
  appointments: readonly { startsAt: Date; endsAt: Date; status: AppointmentStatus; id: string }[],
  exceptId?: string,
) {
  return appointments.some(
    (a) => a.id !== exceptId && !isReleased(a.status) && a.startsAt < end && a.endsAt > start,
  );
}
