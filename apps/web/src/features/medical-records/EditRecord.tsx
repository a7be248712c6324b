import { Divider, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { medicalRecordFields } from '@vetflow/schema/validators';
import { LIMITS } from '@vetflow/schema/values';
import { AllergyAlert, type AllergyItem } from '../../components/AllergyAlert';
import type { ConflictField } from '../../components/ConflictAlert';
import { VisitReasonInput } from '../../components/inputs';
import { LongTextInput } from '../../components/LongTextInput';
import { SaveForm } from '../../components/SaveForm';
import { zodValidate } from '../../lib/forms';
import { useSave } from '../../lib/save/useSave';
import { type TRPCOptions, useTRPC } from '../../lib/trpc';
import { confirmWeight } from './confirmWeight';
import type { FullRecord, RecordEdit } from './records';
import { emptyVisit, useVisitForm, VisitForm, type VisitFormValues, visitPayload } from './VisitForm';

interface EditProps {
  record: FullRecord;
  /** The patient's allergies, repeated at the top of the form. */
  allergies: readonly AllergyItem[];
  /** The patient's last recorded weight: an amended weight far from it is asked about (addenda carry none). */
  lastWeightKg: number | null;
  onDone: () => void;
}

/** Amends a record (its author, within 24 hours) or adds an addendum under it. */
export function EditRecord({ mode, ...props }: RecordEdit & Omit<EditProps, 'record'>) {
  return (
    <Stack>
      {mode === 'addendum' && (
        <Text size="sm" c="dimmed">
          The original record stays as it is; the addendum is shown under it, signed by you.
        </Text>
      )}
      <Divider />
      {mode === 'amend' ? <AmendRecord {...props} /> : <AddAddendum {...props} />}
    </Stack>
  );
}

/** A record as the amendment form's values. */
const toValues = (r: Omit<FullRecord, 'kind'>): VisitFormValues => ({
  ...emptyVisit(),
  reason: r.reason,
  findings: r.findings ?? '',
  diagnosis: r.diagnosis ?? '',
  treatment: r.treatment ?? '',
  prescriptions: r.prescriptions ?? '',
  notes: r.notes ?? '',
  weightKg: r.weightKg ?? '',
  temperatureC: r.temperatureC ?? '',
  followUpOn: r.followUpOn ?? '',
});

/** The fields a stale-edit conflict compares, with their labels. */
const FIELDS: ConflictField<VisitFormValues>[] = [
  { key: 'reason', label: 'Reason for the visit' },
  { key: 'findings', label: 'Findings' },
  { key: 'diagnosis', label: 'Diagnosis' },
  { key: 'treatment', label: 'Treatment' },
  { key: 'prescriptions', label: 'Prescriptions' },
  { key: 'notes', label: 'Notes' },
  { key: 'weightKg', label: 'Weight (kg)' },
  { key: 'temperatureC', label: 'Temperature (°C)' },
  { key: 'followUpOn', label: 'Follow-up on' },
];

/** What a correction refreshes: the patient's history, and the chart (a weight may have changed). */
const recordQueries = (trpc: TRPCOptions) => [
  trpc.medicalRecords.pathFilter(),
  trpc.patients.get.pathFilter(),
];

/** A change by someone else meanwhile is compared with the user's text, which is kept. */
function AmendRecord({ record, allergies, lastWeightKg, onDone }: EditProps) {
  const trpc = useTRPC();
  const form = useVisitForm(toValues(record), () => record.visitedAt);
  const save = useSave(trpc.medicalRecords.amend.mutationOptions(), {
    form,
    draft: { form: 'amend', recordId: record.id },
    version: { record, toValues, fields: FIELDS },
    toInput: (values, seen) => ({ id: seen.id, updatedAt: seen.updatedAt, ...visitPayload(values) }),
    pending: 'Saving the amendment…',
    success: 'Record amended',
    error: 'The amendment was not saved',
    refresh: recordQueries(trpc),
    onSaved: onDone,
  });
  return (
    <VisitForm
      form={form}
      save={{ ...save, submit: confirmWeight(save.submit, form, lastWeightKg) }}
      allergies={allergies}
      submitLabel="Save amendment"
      onCancel={onDone}
    />
  );
}

interface AddendumValues {
  reason: string;
  notes: string;
}

const validateAddendum = (v: AddendumValues) => ({
  ...zodValidate<AddendumValues>(addendumFields, (x) => x)(v),
  // The note is the addendum: one without it says nothing.
  ...(v.notes.trim() ? {} : { notes: 'Write the note to add' }),
});
const addendumFields = medicalRecordFields.pick({ reason: true, notes: true });

/**
 * An addendum is a short note under the original, not a second visit: a reason and the note. Vitals and clinical
 * corrections within 24 hours are amendments; later ones are written in the note.
 */
function AddAddendum({ record, allergies, onDone }: EditProps) {
  const trpc = useTRPC();
  const form = useForm<AddendumValues>({
    mode: 'controlled',
    initialValues: { reason: `Addendum: ${record.reason}`.slice(0, LIMITS.reason), notes: '' },
    validate: validateAddendum,
    validateInputOnBlur: true,
  });
  const save = useSave(trpc.medicalRecords.addAddendum.mutationOptions(), {
    form,
    draft: { form: 'addendum', recordId: record.id },
    toInput: (values) => ({ recordId: record.id, reason: values.reason, notes: values.notes }),
    pending: 'Saving the addendum…',
    success: 'Addendum added',
    error: 'The addendum was not saved',
    refresh: recordQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm
      form={form}
      save={save}
      header={<AllergyAlert allergies={allergies} compact />}
      submitLabel="Save addendum"
      onCancel={onDone}
    >
      <VisitReasonInput label="Reason for the addendum" {...form.getInputProps('reason')} />
      <LongTextInput
        label="Note"
        required
        data-autofocus
        minRows={3}
        maxLength={LIMITS.clinicalText}
        {...form.getInputProps('notes')}
      />
    </SaveForm>
  );
}
