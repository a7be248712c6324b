import { z } from 'zod';
import { LIMITS } from '../values';
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
    .min(25, { error: 'Between 25 and 48 °C' })
    .max(48, { error: 'Between 25 and 48 °C' })
    .multipleOf(0.1, { error: 'At most one decimal' })
    .nullish(),
  followUpOn: calendarDate.nullish(),
});

export const medicalRecordCreateInput = medicalRecordFields.extend({
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
