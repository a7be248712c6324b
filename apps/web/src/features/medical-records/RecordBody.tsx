import { Stack, Text } from '@mantine/core';
import { formatCalendarDate, formatWeight } from '../../lib/format';
import type { RecordItem } from './records';

/** The filled-in fields of a record; a summary shows the follow-up date only. */
export function RecordBody({ record: r }: { record: RecordItem }) {
  const rows: [string, string | null | undefined][] =
    r.kind === 'full'
      ? [
          ['Findings', r.findings],
          ['Diagnosis', r.diagnosis],
          ['Treatment', r.treatment],
          ['Prescriptions', r.prescriptions],
          ['Notes', r.notes],
          ['Weight', r.weightKg !== null ? formatWeight(r.weightKg) : null],
          ['Temperature', r.temperatureC !== null ? `${r.temperatureC} °C` : null],
          ['Follow-up', r.followUpOn ? formatCalendarDate(r.followUpOn) : null],
        ]
      : [['Follow-up', r.followUpOn ? formatCalendarDate(r.followUpOn) : null]];
  const shown = rows.filter(([, v]) => v);
  if (shown.length === 0) return null;
  return (
    <Stack gap={2} mt={4} data-testid={r.kind === 'full' ? 'record-clinical' : 'record-summary'}>
      {shown.map(([label, value]) => (
        <Text key={label} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span fw={600} size="sm">
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  );
}
