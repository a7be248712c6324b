import { z } from 'zod';
import { toCalendarDate } from '../calendar-date';
import { ALLERGY_SEVERITIES, LIMITS, MICROCHIP_PATTERN, PATIENT_SEXES } from '../values';
import {
  calendarDate,
  dateTime,
  emptyAsNull,
  expectedUpdatedAt,
  id,
  optionalText,
  pageInput,
  requiredText,
  searchText,
  weightKg,
} from './common';

export const allergy = z.strictObject({
  allergen: requiredText(LIMITS.allergen),
  severity: z.enum(ALLERGY_SEVERITIES, { error: `One of: ${ALLERGY_SEVERITIES.join(', ')}` }),
  reaction: optionalText(LIMITS.reaction),
});

const sex = z.enum(PATIENT_SEXES, { error: `One of: ${PATIENT_SEXES.join(', ')}` });
const allergies = z.array(allergy).max(LIMITS.allergies, { error: `At most ${LIMITS.allergies} allergies` });

/** Every editable field, without defaults: an update must leave what it does not mention untouched. */
const patientShape = z.strictObject({
  ownerId: id,
  name: requiredText(LIMITS.name),
  species: requiredText(LIMITS.species),
  breed: optionalText(LIMITS.breed),
  sex,
  neutered: z.boolean(),
  dateOfBirth: calendarDate
    .refine((d) => d <= toCalendarDate(new Date()), { error: 'Cannot be in the future' })
    .nullish(),
  weightKg: weightKg.nullish(),
  allergies,
  microchipId: emptyAsNull(
    z.string().trim().max(LIMITS.microchip, { error: '9 to 15 letters or digits', abort: true }),
    z.string().regex(new RegExp(MICROCHIP_PATTERN), { error: '9 to 15 letters or digits' }).nullable(),
  ).nullish(),
});

/** A new patient: what is not said defaults (sex unknown, not neutered, no known allergies). */
export const patientFields = patientShape.extend({
  sex: sex.default('unknown'),
  neutered: z.boolean().default(false),
  allergies: allergies.default([]),
});

export const patientCreateInput = patientFields;
export const patientUpdateInput = patientShape
  .omit({ ownerId: true })
  .partial()
  .extend({ id, updatedAt: expectedUpdatedAt, ownerId: id.optional() });
export const patientListInput = z.strictObject({
  search: searchText.optional(),
  ownerId: id.optional(),
  active: z.enum(['active', 'inactive', 'all']).default('active'),
  ...pageInput,
});
export const patientMarkDeceasedInput = z.strictObject({
  id,
  deceasedAt: dateTime()
    .refine((d) => d.getTime() <= Date.now() + 60_000, { error: 'Cannot be in the future' })
    .optional(),
});

export type AllergyInput = z.input<typeof allergy>;
export type PatientCreateInput = z.input<typeof patientCreateInput>;
