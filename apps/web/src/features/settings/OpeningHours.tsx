import { Checkbox, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { WEEKDAY_NAMES } from '@vetflow/schema/values';
import type { ConflictField } from '../../components/ConflictAlert';
import { SaveForm } from '../../components/SaveForm';
import { TableHead } from '../../components/TableHead';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { type ClinicSettings, ClinicSettingsSection } from './ClinicSettingsSection';
import { settingsQueries } from './settingsQueries';
import { useReportDirty } from './useFollowedVersion';

interface DayValues {
  closed: boolean;
  open: string;
  close: string;
}
interface HoursValues {
  /** '' = the server's zone. */
  timeZone: string;
  openingHours: DayValues[];
}

const toValues = (s: ClinicSettings): HoursValues => ({
  timeZone: s.chosenTimeZone ?? '',
  openingHours: s.openingHours.map((d) =>
    d ? { closed: false, open: d.open, close: d.close } : { closed: true, open: '08:00', close: '18:00' },
  ),
});
const summary = (days: DayValues[]) =>
  days
    .map((d, i) => `${WEEKDAY_NAMES[i]!.slice(0, 3)} ${d.closed ? 'closed' : `${d.open}–${d.close}`}`)
    .join(', ');
const FIELDS: ConflictField<HoursValues>[] = [
  { key: 'timeZone', label: 'Time zone', format: (z) => z || 'The server’s' },
  { key: 'openingHours', label: 'Opening hours', format: summary },
];

/** Every IANA zone this browser knows (the server checks the choice again). */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
})();

/** The clinic's time zone and opening hours per weekday (a booking outside them needs an explicit override). */
export function OpeningHours() {
  return (
    <ClinicSettingsSection title="Opening hours">
      {(settings, onDirty) => <HoursForm settings={settings} onDirty={onDirty} />}
    </ClinicSettingsSection>
  );
}

function HoursForm({ settings, onDirty }: { settings: ClinicSettings; onDirty: (dirty: boolean) => void }) {
  const trpc = useTRPC();
  const form = useForm<HoursValues>({ mode: 'controlled', initialValues: toValues(settings) });
  useReportDirty(form.isDirty(), onDirty);
  const save = useSave(trpc.schedule.updateSettings.mutationOptions(), {
    form,
    version: { record: settings, toValues, fields: FIELDS },
    toInput: (v, seen) => ({
      updatedAt: seen.updatedAt,
      timeZone: v.timeZone || null,
      openingHours: v.openingHours.map((d) => (d.closed ? null : { open: d.open, close: d.close })),
    }),
    pending: 'Saving…',
    success: 'Opening hours saved',
    error: 'The opening hours were not saved',
    refresh: settingsQueries(trpc),
    // Saved: nothing unsaved is left, so the section takes the version it just made.
    onSaved: () => form.resetDirty(),
  });
  const zones = ZONES.includes(settings.timeZone) ? ZONES : [settings.timeZone, ...ZONES];
  return (
    <SaveForm form={form} save={save} submitLabel="Save opening hours">
      <Select
        label="Time zone"
        description={`Empty: the server’s (${settings.chosenTimeZone ? 'see below' : settings.timeZone})`}
        searchable
        clearable
        data={zones}
        value={form.getValues().timeZone || null}
        onChange={(z) => form.setFieldValue('timeZone', z ?? '')}
        error={form.errors.timeZone}
        maw={360}
      />
      <Table verticalSpacing={4} aria-label="Opening hours per weekday">
        <TableHead columns={['Day', 'Closed', 'Opens', 'Closes']} />
        <Table.Tbody>
          {form.getValues().openingHours.map((day, i) => (
            <Table.Tr key={WEEKDAY_NAMES[i]}>
              <Table.Td>{WEEKDAY_NAMES[i]}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${WEEKDAY_NAMES[i]} closed`}
                  {...form.getInputProps(`openingHours.${i}.closed`, { type: 'checkbox' })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  type="time"
                  aria-label={`${WEEKDAY_NAMES[i]} opens`}
                  disabled={day.closed}
                  {...form.getInputProps(`openingHours.${i}.open`)}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  type="time"
                  aria-label={`${WEEKDAY_NAMES[i]} closes`}
                  disabled={day.closed}
                  {...form.getInputProps(`openingHours.${i}.close`)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Text size="xs" c="dimmed">
          Times are the clinic’s wall clock in its time zone. Booking outside them asks for confirmation.
        </Text>
      </Group>
    </SaveForm>
  );
}
