import { Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import { StatusBadge } from '../appointments/StatusBadge';

type Past = RouterOutputs['patients']['get']['pastAppointments'][number];

/**
 * The patient's appointments that are over, newest first, whatever became of them: a no-show or a cancellation
 * (with its reason) is part of the history too. One line each, so the list stays short beside the chart.
 */
export function PastAppointments({ appointments }: { appointments: Past[] }) {
  return (
    <Card withBorder component="section" aria-labelledby="past-appointments-title">
      <Title id="past-appointments-title" order={2} size="h4" mb="sm">
        Past appointments
      </Title>
      {appointments.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {appointments.map((a) => (
              <li key={a.id}>
                <Group justify="space-between" gap={4} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {formatDateTime(a.startsAt)}
                  </Text>
                  <StatusBadge status={a.status} />
                </Group>
                <Text size="sm" lineClamp={1}>
                  {a.reason}
                </Text>
                {a.cancelReason ? (
                  <Text size="xs" c="dimmed">
                    Cancelled because: {a.cancelReason}
                  </Text>
                ) : null}
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}
