import { useForm } from '@mantine/form';
import { patientFields } from '@vetflow/schema/validators';
import type { PatientSex } from '@vetflow/schema/values';
import type { AllergyFormValue } from '../../components/AllergiesEditor';
import type { ConflictField } from '../../components/ConflictAlert';
import { numberOrNull, zodValidate } from '../../lib/forms';
import type { RouterOutputs } from '../../lib/trpc';

export type Patient = RouterOutputs['patients']['get'];

export interface PatientFormValues {
  name: string;
  species: string;
  breed: string;
  sex: PatientSex;
  neutered: boolean;
  dateOfBirth: string;
  weightKg: number | string;
  microchipId: string;
  allergies: AllergyFormValue[];
}

/** The fields a stale-edit conflict compares, with their labels. */
export const FIELDS: ConflictField<PatientFormValues>[] = [
  { key: 'name', label: 'Name' },
  { key: 'species', label: 'Species' },
  { key: 'breed', label: 'Breed' },
  { key: 'sex', label: 'Sex' },
  { key: 'neutered', label: 'Neutered' },
  { key: 'dateOfBirth', label: 'Date of birth' },
  { key: 'weightKg', label: 'Weight (kg)' },
  { key: 'microchipId', label: 'Microchip' },
  { key: 'allergies', label: 'Allergies' },
];

/** A patient (or nothing, for a new one) as the form's values. */
export const toValues = (p?: Partial<Patient>): PatientFormValues => ({
  name: p?.name ?? '',
  species: p?.species ?? '',
  breed: p?.breed ?? '',
  sex: p?.sex ?? 'unknown',
  neutered: p?.neutered ?? false,
  dateOfBirth: p?.dateOfBirth ?? '',
  weightKg: p?.weightKg ?? '',
  microchipId: p?.microchipId ?? '',
  allergies: (p?.allergies ?? []).map((a) => ({
    allergen: a.allergen,
    severity: a.severity,
    reaction: a.reaction ?? '',
  })),
});

/** The form's values as the API's input. */
export const toPayload = (v: PatientFormValues) => ({
  name: v.name,
  species: v.species,
  breed: v.breed,
  sex: v.sex,
  neutered: v.neutered,
  dateOfBirth: v.dateOfBirth || null,
  weightKg: numberOrNull(v.weightKg),
  microchipId: v.microchipId,
  allergies: v.allergies.map((a) => ({ allergen: a.allergen, severity: a.severity, reaction: a.reaction })),
});

const PLACEHOLDER_OWNER = '00000000-0000-4000-8000-000000000000';

const validate = zodValidate<PatientFormValues>(patientFields, (v) => ({
  ...toPayload(v),
  ownerId: PLACEHOLDER_OWNER,
}));

/** The patient form, validated in the browser by the API's own validator. */
export function usePatientForm(initial: PatientFormValues) {
  return useForm<PatientFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate,
    validateInputOnBlur: true,
  });
}
