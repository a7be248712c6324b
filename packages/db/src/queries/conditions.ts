import { appointments, type owners, type patients } from '@vetflow/schema';
import { RELEASED_APPOINTMENT_STATUSES } from '@vetflow/schema/appointment-status';
import { eq, notInArray } from 'drizzle-orm';

/** The query conditions more than one query module filters by. */

/** Which rows a list shows by their `is_active` flag. */
export type ActiveFilter = 'active' | 'inactive' | 'all';

/** Rows whose `is_active` matches `filter`; `all` adds no condition. */
export const activeCondition = (
  column: typeof owners.isActive | typeof patients.isActive,
  filter: ActiveFilter,
) => (filter === 'all' ? undefined : eq(column, filter === 'active'));

/** Appointments that still hold the veterinarian's time (not cancelled, not a no-show). */
export const holdsTime = () => notInArray(appointments.status, [...RELEASED_APPOINTMENT_STATUSES]);
