import { Grid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { medicalRecordFields } from '@vetflow/schema/validators';
import { LIMITS } from '@vetflow/schema/values';
import { AllergiesEditor, type AllergyFormValue } from '../../components/AllergiesEditor';
import { AllergyAlert, type AllergyItem } from '../../components/AllergyAlert';
import { TemperatureInput, VisitReasonInput, WeightInput } from '../../components/inputs';
import { LongTextInput } from '../../components/LongTextInput';
import { SaveForm } from '../../components/SaveForm';
import { numberOrNull, zodValidate } from '../../lib/forms';
import type { FormSave } from '../../lib/save/useSave';
import { followUpProblem } from './followUp';

export interface VisitFormValues {
  reason: string;
  findings: string;
  diagnosis: string;
  treatment: string;
  prescriptions: string;
  notes: string;
  weightKg: number | string;
  temperatureC: number | string;
  followUpOn: string;
  newAllergies: AllergyFormValue[];
}

export const emptyVisit = (): VisitFormValues => ({
  reason: '',
  findings: '',
  diagnosis: '',
  treatment: '',
  prescriptions: '',
  notes: '',
  weightKg: '',
  temperatureC: '',
  followUpOn: '',
  newAllergies: [],
});

export const visitPayload = (v: VisitFormValues) => ({
  reason: v.reason,
  findings: v.findings,
  diagnosis: v.diagnosis,
  treatment: v.treatment,
  prescriptions: v.prescriptions,
  notes: v.notes,
  weightKg: numberOrNull(v.weightKg),
  temperatureC: numberOrNull(v.temperatureC),
  followUpOn: v.followUpOn || null,
});

const validateRecord = zodValidate<VisitFormValues>(medicalRecordFields, visitPayload);
/** The API's own field checks, then what the browser knows better: the visit's local day for the follow-up. */
const validateWith = (visitedAt: () => Date) => (v: VisitFormValues) => {
  const errors = validateRecord(v);
  const followUp = followUpProblem(v.followUpOn, visitedAt());
  if (followUp) errors.followUpOn ??= followUp;
  v.newAllergies.forEach((a, i) => {
    if (!a.allergen.trim()) errors[`newAllergies.${i}.allergen`] = 'Required';
  });
  return errors;
};

/** The record's clinical texts, side by side in pairs. */
const CLINICAL_TEXTS = [
  { path: 'findings', label: 'Findings' },
  { path: 'diagnosis', label: 'Diagnosis' },
  { path: 'treatment', label: 'Treatment' },
  { path: 'prescriptions', label: 'Prescriptions' },
] as const;

/**
 * The visit record form's state, validated in the browser by the API's own validator. `visitedAt` is when the
 * visit took place (a new visit: now, read at each check).
 */
export function useVisitForm(
  initial: VisitFormValues = emptyVisit(),
  visitedAt: () => Date = () => new Date(),
) {
  return useForm<VisitFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: validateWith(visitedAt),
    validateInputOnBlur: true,
  });
}

/**
 * The visit record form (new visit, amendment, addendum), saved by the page's `save`. The patient's allergy
 * alert is repeated at its top, so it is in view while the treatment is written.
 */
export function VisitForm({
  form,
  save,
  allergies,
  submitLabel,
  withNewAllergies,
  onCancel,
}: {
  form: ReturnType<typeof useVisitForm>;
  save: Pick<FormSave<unknown, VisitFormValues>, 'submit' | 'alerts' | 'isPending' | 'draft'>;
  allergies: readonly AllergyItem[];
  submitLabel: string;
  withNewAllergies?: boolean;
  onCancel: () => void;
}) {
  return (
    <SaveForm
      form={form}
      save={save}
      header={<AllergyAlert allergies={allergies} compact />}
      submitLabel={submitLabel}
      onCancel={onCancel}
    >
      {/* Vitals first: they are taken first, as the patient comes in (the reason is usually prefilled). */}
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <WeightInput data-autofocus {...form.getInputProps('weightKg')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TemperatureInput {...form.getInputProps('temperatureC')} />
        </Grid.Col>
      </Grid>
      <VisitReasonInput {...form.getInputProps('reason')} />
      <Grid>
        {CLINICAL_TEXTS.map(({ path, label }) => (
          <Grid.Col key={path} span={{ base: 12, md: 6 }}>
            <LongTextInput
              label={label}
              minRows={3}
              maxLength={LIMITS.clinicalText}
              {...form.getInputProps(path)}
            />
          </Grid.Col>
        ))}
        <Grid.Col span={12}>
          <LongTextInput label="Notes" maxLength={LIMITS.clinicalText} {...form.getInputProps('notes')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Follow-up on" type="date" {...form.getInputProps('followUpOn')} />
        </Grid.Col>
      </Grid>
      {withNewAllergies && (
        <AllergiesEditor
          form={form}
          path="newAllergies"
          legend="Allergies found at this visit (added to the patient)"
          addLabel="Record an allergy"
          // The patient's known allergies are in the alert above: an empty list here only means none new.
          emptyText={allergies.length > 0 ? null : 'No known allergies.'}
        />
      )}
    </SaveForm>
  );
}
