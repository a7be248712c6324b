import { z } from 'zod';
import { isTimeZone, toMinutes } from '../clinic-time';
import { LIMITS, WEEKDAYS } from '../values';
import { boundedString, calendarDate, expectedUpdatedAt, id, requiredText } from './common';

/** An appointment's length in minutes, as a type's default or a slot search asks for it. */
export const appointmentMinutes = z
  .number({ error: 'Must be a number of minutes' })
  .int({ error: 'Whole minutes' })
  .min(LIMITS.minAppointmentMinutes, { error: `At least ${LIMITS.minAppointmentMinutes} minutes` })
  .max(LIMITS.maxAppointmentMinutes, { error: `At most ${LIMITS.maxAppointmentMinutes / 60} hours` });

export const appointmentTypeListInput = z.strictObject({ includeInactive: z.boolean().default(false) });

export const appointmentTypeCreateInput = z.strictObject({
  name: requiredText(LIMITS.name),
  defaultMinutes: appointmentMinutes,
});

export const appointmentTypeUpdateInput = z.strictObject({
  id,
  updatedAt: expectedUpdatedAt,
  name: requiredText(LIMITS.name).optional(),
  defaultMinutes: appointmentMinutes.optional(),
});

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const wallTime = boundedString(5, 'Enter a time as HH:MM').regex(HHMM, { error: 'Enter a time as HH:MM' });

/** One weekday: closed (null), or open from `open` to a later `close`. */
const dayHours = z
  .strictObject({ open: wallTime, close: wallTime })
  .superRefine((value, ctx) => {
    if (toMinutes(value.close) <= toMinutes(value.open)) {
      ctx.addIssue({ code: 'custom', path: ['close'], message: 'Must be after the opening time' });
    }
    if (value.open === '24:00') {
      ctx.addIssue({ code: 'custom', path: ['open'], message: 'Opens before midnight' });
    }
  })
  .nullable();

export const timeZone = boundedString(LIMITS.timeZone, 'Required').refine(isTimeZone, {
  error: 'Not a known time zone (e.g. Europe/Berlin)',
});

/** How long a checked-in patient of one priority may wait before Today flags it (0 = flagged at once). */
export const triageThreshold = z
  .number({ error: 'Must be a number of minutes' })
  .int({ error: 'Whole minutes' })
  .min(0, { error: 'At least 0 minutes' })
  .max(LIMITS.maxTriageMinutes, { error: `At most ${LIMITS.maxTriageMinutes} minutes` });

/**
 * The three triage thresholds. The more pressing priority is never flagged later (the database's
 * clinic_settings_triage_order_check): a refusal names the less pressing field, the one below its neighbour.
 */
export const triageMinutes = z
  .strictObject({ emergency: triageThreshold, urgent: triageThreshold, routine: triageThreshold })
  .superRefine((value, ctx) => {
    if (value.urgent < value.emergency) {
      ctx.addIssue({
        code: 'custom',
        path: ['urgent'],
        message: `At least the emergency threshold (${value.emergency} min)`,
      });
    }
    if (value.routine < value.urgent) {
      ctx.addIssue({
        code: 'custom',
        path: ['routine'],
        message: `At least the urgent threshold (${value.urgent} min)`,
      });
    }
  });

/**
 * The clinic's settings against the version the admin saw; each part optional, so the settings page's sections
 * (time zone and opening hours; triage) save on their own: time zone (null = the server's), opening hours
 * Monday first, and the triage thresholds.
 */
export const clinicSettingsUpdateInput = z.strictObject({
  updatedAt: expectedUpdatedAt,
  timeZone: timeZone.nullable().optional(),
  openingHours: z.array(dayHours).length(7, { error: 'Seven days, Monday first' }).optional(),
  triageMinutes: triageMinutes.optional(),
});

const weekday = z.union(
  WEEKDAYS.map((d) => z.literal(d)),
  { error: 'A weekday from 1 (Monday) to 7 (Sunday)' },
);

export const veterinarianScheduleInput = z.strictObject({
  veterinarianId: id,
  workingDays: z
    .array(weekday)
    .max(7, { error: 'At most seven days' })
    .refine((days) => new Set(days).size === days.length, { error: 'Each day once' }),
});

/** A veterinarian's free time on one day of the clinic's calendar, for a booking of `minutes`. */
export const freeSlotsInput = z.strictObject({
  veterinarianId: id,
  date: calendarDate,
  minutes: appointmentMinutes,
  /** The patient's own appointments are taken out too (a patient is never in two places). */
  patientId: id.optional(),
  /** Rescheduling: the appointment being moved does not block its own new time. */
  excludeAppointmentId: id.optional(),
});
