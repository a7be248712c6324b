import { z } from 'zod';
import { LIMITS, WESTERNMOST_UTC_OFFSET_HOURS } from '../values';
import {
  calendarDate,
  dateTime,
  expectedUpdatedAt,
  id,
  optionalText,
  requiredText,
  weightKg,
} from './common';
import { allergy } from './patients';

const temperatureRange = `Between ${LIMITS.minTemperatureC} and ${LIMITS.maxTemperatureC} °C`;

/**
 * The earliest calendar date a visit at `visitedAt` can have anywhere (values.ts WESTERNMOST_UTC_OFFSET_HOURS):
 * a follow-up dated before it is refused here and by the CHECK medical_records_follow_up_on_after_visit_check.
 */
export const earliestVisitDate = (visitedAt: Date) =>
  new Date(visitedAt.getTime() - WESTERNMOST_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);

export const FOLLOW_UP_BEFORE_VISIT = 'Cannot be before the visit';

export const medicalRecordFields = z.strictObject({
  reason: requiredText(LIMITS.reason),
  findings: optionalText(LIMITS.clinicalText),
  diagnosis: optionalText(LIMITS.clinicalText),
  treatment: optionalText(LIMITS.clinicalText),
  prescriptions: optionalText(LIMITS.clinicalText),
  notes: optionalText(LIMITS.clinicalText),
  weightKg: weightKg.nullish(),
  temperatureC: z
    .number({ error: 'Must be a number' })
    .min(LIMITS.minTemperatureC, { error: temperatureRange })
    .max(LIMITS.maxTemperatureC, { error: temperatureRange })
    .multipleOf(0.1, { error: 'At most one decimal' })
    .nullish(),
  followUpOn: calendarDate.nullish(),
});

export const medicalRecordCreateInput = medicalRecordFields
  .extend({
    patientId: id,
    appointmentId: id.nullish(),
    /** Allergies found at this visit: added to the patient in the same transaction as the record. */
    newAllergies: z
      .array(allergy)
      .max(LIMITS.allergies, { error: `At most ${LIMITS.allergies} allergies` })
      .default([]),
    visitedAt: dateTime()
      .refine((d) => d.getTime() <= Date.now() + 60_000, { error: 'Cannot be in the future' })
      .optional(),
  })
  .superRefine((value, ctx) => {
    // Without a visit time the server records the visit now.
    if (value.followUpOn && value.followUpOn < earliestVisitDate(value.visitedAt ?? new Date())) {
      ctx.addIssue({ code: 'custom', path: ['followUpOn'], message: FOLLOW_UP_BEFORE_VISIT });
    }
  });

export const medicalRecordAmendInput = medicalRecordFields
  .partial()
  .extend({ id, updatedAt: expectedUpdatedAt });

export const medicalRecordAddendumInput = medicalRecordFields.partial().extend({
  recordId: id,
  reason: requiredText(LIMITS.reason),
});

export const medicalRecordListInput = z.strictObject({ patientId: id });

export type MedicalRecordCreateInput = z.input<typeof medicalRecordCreateInput>;
