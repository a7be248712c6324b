import { Group, Text } from '@mantine/core';
import { formatDate } from '../../lib/format';
import type { RecordItem } from './records';

export function RecordTitle({ record: r }: { record: RecordItem }) {
  return (
    <Group gap={8}>
      <Text fw={700}>{formatDate(r.visitedAt)}</Text>
      <Text>{r.reason}</Text>
      <Text size="sm" c="dimmed">
        — {r.veterinarianName}
      </Text>
    </Group>
  );
}
