import { Divider, Stack, Text } from '@mantine/core';
import { LIMITS } from '@vetflow/schema/values';
import type { AllergyItem } from '../../components/AllergyAlert';
import type { ConflictField } from '../../components/ConflictAlert';
import { useSave } from '../../lib/save/useSave';
import { type TRPCOptions, useTRPC } from '../../lib/trpc';
import { confirmWeight } from './confirmWeight';
import type { FullRecord, RecordEdit } from './records';
import { emptyVisit, useVisitForm, VisitForm, type VisitFormValues, visitPayload } from './VisitForm';

interface EditProps {
  record: FullRecord;
  /** The patient's allergies, repeated at the top of the form. */
  allergies: readonly AllergyItem[];
  /** The patient's last recorded weight: an amended weight far from it is asked about. */
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
  const form = useVisitForm(toValues(record));
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

function AddAddendum({ record, allergies, lastWeightKg, onDone }: EditProps) {
  const trpc = useTRPC();
  const form = useVisitForm({
    ...emptyVisit(),
    reason: `Addendum: ${record.reason}`.slice(0, LIMITS.reason),
  });
  const save = useSave(trpc.medicalRecords.addAddendum.mutationOptions(), {
    form,
    draft: { form: 'addendum', recordId: record.id },
    toInput: (values) => ({ recordId: record.id, ...visitPayload(values) }),
    pending: 'Saving the addendum…',
    success: 'Addendum added',
    error: 'The addendum was not saved',
    refresh: recordQueries(trpc),
    onSaved: onDone,
  });
  return (
    <VisitForm
      form={form}
      save={{ ...save, submit: confirmWeight(save.submit, form, lastWeightKg) }}
      allergies={allergies}
      submitLabel="Save addendum"
      onCancel={onDone}
    />
  );
}
