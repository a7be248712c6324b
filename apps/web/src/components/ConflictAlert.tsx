import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import type { StaleEdit } from '../lib/errors';
import { formatDateTime } from '../lib/format';

export interface ConflictField {
  key: string;
  label: string;
}

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

/** Fields whose value differs between two versions (compared as displayed). */
export function changedFields(
  fields: readonly ConflictField[],
  a: Record<string, unknown>,
  b: Record<string, unknown>,
) {
  return fields.filter((f) => show(a[f.key]) !== show(b[f.key]));
}

/**
 * A stale edit: someone saved this record after the user opened it. Shows what they changed (the version the
 * user saw → the current one) beside the user's own input, and lets the user keep theirs or take the current.
 */
export function ConflictAlert({
  conflict,
  fields,
  seen,
  mine,
  onOverwrite,
  onReload,
}: {
  conflict: StaleEdit<Record<string, unknown>>;
  fields: readonly ConflictField[];
  seen: Record<string, unknown>;
  mine: Record<string, unknown>;
  onOverwrite: () => void;
  onReload: () => void;
}) {
  const theirs = changedFields(fields, seen, conflict.current);
  return (
    <Alert color="orange" icon={<IconGitCompare />} title="Someone else changed this record" role="alert">
      <Text size="sm" mb="xs">
        {conflict.changedBy ?? 'Another user'} saved it
        {conflict.changedAt ? ` at ${formatDateTime(conflict.changedAt)}` : ''}, after you opened it. Your
        input is still in the form; nothing was saved.
      </Text>
      {theirs.length > 0 ? (
        <Table withTableBorder withColumnBorders fz="sm" mb="sm" bg="white">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>When you opened it</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Your input</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {theirs.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td fw={600}>{f.label}</Table.Td>
                <Table.Td>
                  <Text span td="line-through" size="sm">
                    {show(seen[f.key])}
                  </Text>
                </Table.Td>
                <Table.Td>{show(conflict.current[f.key])}</Table.Td>
                <Table.Td>{show(mine[f.key])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" mb="sm">
          None of the fields in this form changed (the other change was elsewhere in the record).
        </Text>
      )}
      <Group>
        <Button size="xs" color="orange" onClick={onOverwrite}>
          Save my version over theirs
        </Button>
        <Button size="xs" variant="default" onClick={onReload}>
          Take their changes, keep my other edits
        </Button>
      </Group>
    </Alert>
  );
}
