import { Group, NumberInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { APPOINTMENT_PRIORITIES, type AppointmentPriority, LIMITS } from '@vetflow/schema/values';
import type { ConflictField } from '../../components/ConflictAlert';
import { SaveForm } from '../../components/SaveForm';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { type ClinicSettings, ClinicSettingsSection } from './ClinicSettingsSection';
import { settingsQueries } from './settingsQueries';
import { useReportDirty } from './useFollowedVersion';

/** Nested as the input is, so a refusal's path (`triageMinutes.routine`) lands on its field as it is. */
interface TriageValues {
  triageMinutes: Record<AppointmentPriority, number | string>;
}

/** Most pressing first, as the rule reads: an emergency is never flagged later than an urgent case. */
const ORDER = [...APPOINTMENT_PRIORITIES].reverse();
const LABELS: Record<AppointmentPriority, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  routine: 'Routine',
};

const toValues = (s: ClinicSettings): TriageValues => ({ triageMinutes: { ...s.triageMinutes } });
const after = (minutes: number | string) => (Number(minutes) === 0 ? 'at once' : `after ${minutes} min`);
const FIELDS: ConflictField<TriageValues>[] = [
  {
    key: 'triageMinutes',
    label: 'Triage',
    format: (t) => ORDER.map((p) => `${LABELS[p]} ${after(t[p])}`).join(', '),
  },
];
/** An emptied field is sent as no number (refused on that field), never as 0 (which would flag at once). */
const minutes = (value: number | string) => (value === '' ? Number.NaN : Number(value));

/** How long a checked-in patient of each priority may wait before every open Today flags the wait. */
export function Triage() {
  return (
    <ClinicSettingsSection title="Triage">
      {(settings, onDirty) => <TriageForm settings={settings} onDirty={onDirty} />}
    </ClinicSettingsSection>
  );
}

function TriageForm({ settings, onDirty }: { settings: ClinicSettings; onDirty: (dirty: boolean) => void }) {
  const trpc = useTRPC();
  const form = useForm<TriageValues>({ mode: 'controlled', initialValues: toValues(settings) });
  useReportDirty(form.isDirty(), onDirty);
  const save = useSave(trpc.schedule.updateSettings.mutationOptions(), {
    form,
    version: { record: settings, toValues, fields: FIELDS },
    toInput: (v, seen) => ({
      updatedAt: seen.updatedAt,
      triageMinutes: {
        emergency: minutes(v.triageMinutes.emergency),
        urgent: minutes(v.triageMinutes.urgent),
        routine: minutes(v.triageMinutes.routine),
      },
    }),
    pending: 'Saving…',
    success: 'Triage thresholds saved',
    error: 'The triage thresholds were not saved',
    refresh: settingsQueries(trpc),
    // Saved: nothing unsaved is left, so the section takes the version it just made.
    onSaved: () => form.resetDirty(),
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Save triage">
      <Text size="sm">
        Today flags a checked-in patient who has waited longer than this for their priority. 0 flags at once.
      </Text>
      <Group grow align="flex-start">
        {ORDER.map((priority) => (
          <NumberInput
            key={priority}
            label={`${LABELS[priority]} (min)`}
            min={0}
            max={LIMITS.maxTriageMinutes}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps(`triageMinutes.${priority}`)}
          />
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        A more pressing priority never waits longer than a less pressing one. Every open Today follows a
        change at once.
      </Text>
    </SaveForm>
  );
}
