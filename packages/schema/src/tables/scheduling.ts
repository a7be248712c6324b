import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { citext, timestamps } from '../columns';
import { DEFAULT_TRIAGE_MINUTES, LIMITS, type OpeningHours, type Weekday } from '../values';
import { systemUsers } from './system-users';

/**
 * Kinds of appointment (consultation, vaccination, surgery…) with the duration a booking starts from.
 * Deactivated, never deleted: old appointments keep pointing at them.
 */
export const appointmentTypes = pgTable(
  'appointment_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: citext('name').notNull().unique('appointment_types_name_key'),
    defaultMinutes: integer('default_minutes').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    check(
      'appointment_types_name_check',
      sql`length(btrim(${t.name})) between 1 and ${sql.raw(String(LIMITS.name))}`,
    ),
    check(
      'appointment_types_default_minutes_check',
      sql`${t.defaultMinutes} between ${sql.raw(String(LIMITS.minAppointmentMinutes))} and ${sql.raw(String(LIMITS.maxAppointmentMinutes))}`,
    ),
  ],
);

/**
 * The clinic's one settings row (a fixed id, made by the migration): its time zone (null = the server's), opening
 * hours per ISO weekday, Monday first (null = closed), and how long a checked-in patient of each priority may wait
 * before Today flags it (triage).
 */
export const clinicSettings = pgTable(
  'clinic_settings',
  {
    id: uuid('id').primaryKey(),
    timeZone: text('time_zone'),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    triageEmergencyMinutes: integer('triage_emergency_minutes')
      .notNull()
      .default(DEFAULT_TRIAGE_MINUTES.emergency),
    triageUrgentMinutes: integer('triage_urgent_minutes').notNull().default(DEFAULT_TRIAGE_MINUTES.urgent),
    triageRoutineMinutes: integer('triage_routine_minutes').notNull().default(DEFAULT_TRIAGE_MINUTES.routine),
    ...timestamps(),
  },
  (t) => [
    // 0–480 minutes each: the emergency and routine bounds and the order below hold the urgent one between them.
    ...(['triageEmergencyMinutes', 'triageRoutineMinutes'] as const).map((column) =>
      check(
        `clinic_settings_${t[column].name}_check`,
        sql`${t[column]} between 0 and ${sql.raw(String(LIMITS.maxTriageMinutes))}`,
      ),
    ),
    // An emergency is never flagged later than an urgent case, nor an urgent one later than a routine one.
    check(
      'clinic_settings_triage_order_check',
      sql`${t.triageEmergencyMinutes} <= ${t.triageUrgentMinutes} and ${t.triageUrgentMinutes} <= ${t.triageRoutineMinutes}`,
    ),
    check('clinic_settings_time_zone_check', sql`length(${t.timeZone}) between 1 and 64`),
    check('clinic_settings_opening_hours_check', sql`jsonb_array_length(${t.openingHours}) = 7`),
  ],
);

/** A veterinarian's working weekdays (ISO, 1 = Monday); a vet without a row works Monday to Friday. */
export const veterinarianSchedules = pgTable('veterinarian_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  veterinarianId: uuid('veterinarian_id')
    .notNull()
    .unique('veterinarian_schedules_veterinarian_id_key')
    .references(() => systemUsers.id, { onDelete: 'restrict' }),
  workingDays: jsonb('working_days').$type<Weekday[]>().notNull(),
  ...timestamps(),
});
