import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import type { StaleEditDetails } from '@vetflow/schema/refusal';
import { formatDateTime } from '../lib/format';
import { confirmAction } from './confirm';
import { TableHead } from './TableHead';

/**
 * A field of a form with values V that a stale edit compares, with its label and, where needed, how its value
 * reads (by default: dates, yes/no, allergy lists, — for empty).
 */
export type ConflictField<V> = {
  [K in keyof V & string]: { key: K; label: string; format?: (value: V[K]) => string };
}[keyof V & string];

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (v instanceof Date) return formatDateTime(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) {
    return v.length === 0
      ? 'none'
      : v
          .map((x) =>
            x && typeof x === 'object' && 'allergen' in x
              ? `${(x as { allergen: string; severity: string }).allergen} (${(x as { severity: string }).severity})`
              : String(x),
          )
          .join(', ');
  }
  return String(v);
};

/** A long value (an email) wraps anywhere, so the comparison fits a narrow dialog. */
const VALUE = { overflowWrap: 'anywhere' } as const;

const read = <V,>(field: ConflictField<V>, values: V) =>
  ((field.format as ((value: unknown) => string) | undefined) ?? show)(values[field.key]);

/** Fields whose value differs between two versions (compared as displayed). */
export function changedFields<V>(fields: readonly ConflictField<V>[], a: V, b: V) {
  return fields.filter((f) => read(f, a) !== read(f, b));
}

/**
 * A stale edit: someone saved this record after the user opened it. Shows what they changed (the version the
 * user saw → the current one) beside the user's own input, and lets the user keep theirs or take the current.
 */
export interface ConflictAlertProps<V> {
  /** Who saved the record meanwhile, and when. */
  stale: StaleEditDetails;
  fields: readonly ConflictField<V>[];
  /** The form's values: as the record was when the user opened it, as it is now, and the user's input. */
  seen: V;
  theirs: V;
  mine: V;
  onOverwrite: () => void;
  onReload: () => void;
}

export function ConflictAlert<V>({
  stale,
  fields,
  seen,
  theirs,
  mine,
  onOverwrite,
  onReload,
}: ConflictAlertProps<V>) {
  const changed = changedFields(fields, seen, theirs);
  return (
    <Alert color="orange" icon={<IconGitCompare />} title="Someone else changed this record" role="alert">
      <Text size="sm" mb="xs">
        {stale.changedBy ?? 'Another user'} saved it
        {stale.changedAt ? ` at ${formatDateTime(stale.changedAt)}` : ''}, after you opened it. Your input is
        still in the form; nothing was saved.
      </Text>
      {changed.length > 0 ? (
        <Table withTableBorder withColumnBorders fz="sm" mb="sm" bg="white">
          <TableHead columns={['Field', 'When you opened it', 'Now', 'Your input']} />
          <Table.Tbody>
            {changed.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td fw={600}>{f.label}</Table.Td>
                <Table.Td style={VALUE}>
                  <Text span td="line-through" size="sm">
                    {read(f, seen)}
                  </Text>
                </Table.Td>
                <Table.Td style={VALUE}>{read(f, theirs)}</Table.Td>
                <Table.Td style={VALUE}>{read(f, mine)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" mb="sm">
          None of the fields in this form changed (the other change was elsewhere in the record).
        </Text>
      )}
      {/* The safe way out is the highlighted one; overwriting discards their change, so it asks first. */}
      <Group>
        <Button size="xs" variant="filled" onClick={onReload}>
          Take their changes, keep my other edits
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={() =>
            confirmAction({
              title: 'Save your version over theirs?',
              message: `${stale.changedBy ?? 'The other user'}'s change to ${
                changed.length > 0 ? changed.map((f) => f.label).join(', ') : 'this record'
              } will be replaced by your input.`,
              confirmLabel: 'Save my version',
              cancelLabel: 'Go back',
              onConfirm: onOverwrite,
            })
          }
        >
          Save my version over theirs…
        </Button>
      </Group>
    </Alert>
  );
}
