import { Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState';
import { AnchorLink } from '../../components/links';
import { formatDateTime, toCalendarDate } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import { StatusBadge } from '../appointments/StatusBadge';

type Upcoming = RouterOutputs['patients']['get']['upcomingAppointments'][number];

/** The patient's booked appointments, each with a link to its day in the calendar. */
export function UpcomingAppointments({
  appointments,
  bookable,
  vetName,
}: {
  appointments: Upcoming[];
  /** Whether the patient can be booked (alive and active): the empty state then points to the button. */
  bookable: boolean;
  vetName: (id: string) => string;
}) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Upcoming appointments
        </Title>
      </Group>
      {appointments.length === 0 ? (
        <EmptyState title="Nothing booked">
          {bookable ? 'Use “Book appointment” to schedule one.' : null}
        </EmptyState>
      ) : (
        <Stack gap="xs">
          {appointments.map((a) => (
            <Paper key={a.id} withBorder p="xs">
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={600}>
                  {formatDateTime(a.startsAt)}
                </Text>
                <StatusBadge status={a.status} />
              </Group>
              <Text size="sm">{a.reason}</Text>
              <Text size="xs" c="dimmed">
                {vetName(a.veterinarianId)} ·{' '}
                <AnchorLink
                  size="xs"
                  to="/calendar"
                  search={{ date: toCalendarDate(a.startsAt), view: 'day' }}
                >
                  open in calendar
                </AnchorLink>
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}
