import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { dateInRange, instantInRange, timestamps } from '../columns';
import { LIMITS, WESTERNMOST_UTC_OFFSET_HOURS } from '../values';
import { appointments } from './appointments';
import { patients } from './patients';
import { systemUsers } from './system-users';

/**
 * Never deleted. Its author may amend it for 24 hours after creation; after that it is locked and corrections
 * are addenda: new records whose amends_record_id points at it.
 */
export const medicalRecords = pgTable(
  'medical_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    veterinarianId: uuid('veterinarian_id')
      .notNull()
      .references(() => systemUsers.id, { onDelete: 'restrict' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'restrict' }),
    amendsRecordId: uuid('amends_record_id').references((): AnyPgColumn => medicalRecords.id, {
      onDelete: 'restrict',
    }),
    visitedAt: timestamp('visited_at', { withTimezone: true, precision: 3 }).notNull(),
    reason: text('reason').notNull(),
    findings: text('findings'),
    diagnosis: text('diagnosis'),
    treatment: text('treatment'),
    prescriptions: text('prescriptions'),
    notes: text('notes'),
    weightKg: numeric('weight_kg', { precision: 7, scale: 2, mode: 'number' }),
    temperatureC: numeric('temperature_c', { precision: 4, scale: 1, mode: 'number' }),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    ...timestamps(),
  },
  (t) => [
    check(
      'medical_records_weight_kg_check',
      sql`${t.weightKg} > 0 and ${t.weightKg} <= ${sql.raw(String(LIMITS.maxWeightKg))}`,
    ),
    check(
      'medical_records_temperature_c_check',
      sql`${t.temperatureC} between ${sql.raw(String(LIMITS.minTemperatureC))} and ${sql.raw(String(LIMITS.maxTemperatureC))}`,
    ),
    check('medical_records_visited_at_range_check', instantInRange(t.visitedAt)),
    check('medical_records_follow_up_on_range_check', dateInRange(t.followUpOn)),
    // The visit's calendar date where it is earliest (values.ts WESTERNMOST_UTC_OFFSET_HOURS).
    check(
      'medical_records_follow_up_on_after_visit_check',
      sql`${t.followUpOn} >= ((${t.visitedAt} at time zone 'UTC') - interval '${sql.raw(String(WESTERNMOST_UTC_OFFSET_HOURS))} hours')::date`,
    ),
    check('medical_records_reason_check', sql`length(btrim(${t.reason})) > 0`),
    check('medical_records_not_self_amending_check', sql`${t.amendsRecordId} <> ${t.id}`),
    index('medical_records_patient_visited_at_idx').on(t.patientId, t.visitedAt.desc()),
    index('medical_records_veterinarian_id_idx').on(t.veterinarianId),
    index('medical_records_appointment_id_idx').on(t.appointmentId),
    index('medical_records_amends_record_id_idx').on(t.amendsRecordId),
    index('medical_records_visited_at_idx').on(t.visitedAt),
  ],
);
