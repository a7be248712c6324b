import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { instantInRange, timestamps } from '../columns';
import { appointmentPriority, appointmentStatus } from '../enums';
import { LIMITS } from '../values';
import { patients } from './patients';
import { appointmentTypes } from './scheduling';
import { systemUsers } from './system-users';

/**
 * Neither a veterinarian nor a patient is ever double-booked: the EXCLUDE USING gist constraints
 * `appointments_no_double_booking` and `appointments_no_patient_double_booking` (custom migrations; Drizzle
 * cannot express them) cover every status but cancelled and no_show.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    veterinarianId: uuid('veterinarian_id')
      .notNull()
      .references(() => systemUsers.id, { onDelete: 'restrict' }),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    appointmentTypeId: uuid('appointment_type_id').references(() => appointmentTypes.id, {
      onDelete: 'restrict',
    }),
    reason: text('reason').notNull(),
    priority: appointmentPriority('priority').notNull().default('routine'),
    status: appointmentStatus('status').notNull().default('scheduled'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, precision: 3 }),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    cancelReason: text('cancel_reason'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => systemUsers.id, { onDelete: 'restrict' }),
    ...timestamps(),
  },
  (t) => [
    check('appointments_time_order_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('appointments_starts_at_range_check', instantInRange(t.startsAt)),
    check('appointments_ends_at_range_check', instantInRange(t.endsAt)),
    // Bounded length lets a day's query use the (veterinarian_id, starts_at) index from both ends.
    check(
      'appointments_duration_check',
      sql`${t.endsAt} - ${t.startsAt} <= interval '${sql.raw(String(LIMITS.maxAppointmentMinutes))} minutes'`,
    ),
    check('appointments_reason_check', sql`length(btrim(${t.reason})) > 0`),
    check(
      'appointments_cancel_reason_check',
      sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`,
    ),
    index('appointments_veterinarian_starts_at_idx').on(t.veterinarianId, t.startsAt),
    index('appointments_patient_starts_at_idx').on(t.patientId, t.startsAt),
    index('appointments_starts_at_idx').on(t.startsAt),
    index('appointments_created_by_idx').on(t.createdBy),
    index('appointments_appointment_type_id_idx').on(t.appointmentTypeId),
  ],
);
