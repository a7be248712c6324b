import { Paper, Skeleton, Text } from '@mantine/core';

/** One number of the day's summary (appointments, waiting, in progress, emergencies), with its warning tone. */
export function Stat({
  label,
  value,
  loading,
  tone,
  hint,
}: {
  label: string;
  value: number;
  loading: boolean;
  tone?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {loading ? (
        <Skeleton height={28} width={40} mt={4} />
      ) : (
        <Text fw={700} size="xl" c={tone ? `${tone}.9` : undefined}>
          {value}
          {/* Its own line: beside the figure it broke mid-phrase in a narrow box (1024 px). */}
          {hint ? (
            <Text span display="block" size="sm" fw={500}>
              ({hint})
            </Text>
          ) : null}
        </Text>
      )}
    </Paper>
  );
}
