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

/** Time zone (null = the server's) and opening hours, Monday first, against the version the admin saw. */
export const clinicSettingsUpdateInput = z.strictObject({
  updatedAt: expectedUpdatedAt,
  timeZone: timeZone.nullable(),
  openingHours: z.array(dayHours).length(7, { error: 'Seven days, Monday first' }),
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
