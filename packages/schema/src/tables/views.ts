import { bigint, boolean, date, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { citext } from '../columns';
import { userRole } from '../enums';

/**
 * Views made by migration 0015 (database roles): each shows one role what the underlying table's privileges do
 * not. `.existing()`: drizzle-kit leaves them to that migration.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** What an assistant may read of a visit: date, vet, reason, follow-up; never a clinical field. */
export const medicalRecordsSummary = pgView('medical_records_summary', {
  id: uuid('id').notNull(),
  patientId: uuid('patient_id').notNull(),
  veterinarianId: uuid('veterinarian_id').notNull(),
  appointmentId: uuid('appointment_id'),
  amendsRecordId: uuid('amends_record_id'),
  visitedAt: at('visited_at').notNull(),
  reason: text('reason').notNull(),
  followUpOn: date('follow_up_on', { mode: 'string' }),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}).existing();

/** The acting user's own account in full (the other accounts show only names and roles to non-admins). */
export const ownAccount = pgView('own_account', {
  id: uuid('id').notNull(),
  username: citext('username').notNull(),
  email: citext('email').notNull(),
  fullName: text('full_name').notNull(),
  role: userRole('role').notNull(),
  isActive: boolean('is_active').notNull(),
  lastLoginAt: at('last_login_at'),
  passwordChangedAt: at('password_changed_at').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}).existing();

/** Who changed which record when, without the values: what a stale-edit refusal names, for every role. */
export const recordChanges = pgView('record_changes', {
  id: bigint('id', { mode: 'number' }).notNull(),
  tableName: text('table_name'),
  recordId: uuid('record_id'),
  userId: uuid('user_id'),
  occurredAt: at('occurred_at').notNull(),
}).existing();
