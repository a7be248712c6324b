import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { addDays, formatLongDay, startOfDay } from '../../lib/format';
import { can } from '../../lib/roles';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import {
  groupByVeterinarian,
  isReleased,
  isWaitingTooLong,
  WAITING_TOO_LONG_MINUTES,
} from '../appointments/appointments';
import { BookButton } from '../appointments/BookButton';
import { AppointmentCard } from './AppointmentCard';
import { Stat } from './Stat';
import { useNow } from './useNow';

/** The day's appointments per veterinarian, with who is waiting (and for how long) and the emergencies. */
export function TodayPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const now = useNow();
  const [showReleased, setShowReleased] = useState(false);
  const day = startOfDay(now);
  const dayKey = day.getTime();
  const range = useMemo(() => ({ from: new Date(dayKey), to: addDays(new Date(dayKey), 1) }), [dayKey]);
  const appointments = useQuery({
    ...trpc.appointments.list.queryOptions({ ...range, includeCancelled: true }),
    refetchInterval: 30_000,
  });
  const vets = useQuery(trpc.users.veterinarians.queryOptions());

  const all = appointments.data ?? [];
  const visible = showReleased ? all : all.filter((a) => !isReleased(a.status));
  const columns = groupByVeterinarian(visible, vets.data ?? []);
  const waiting = all.filter((a) => a.status === 'checked_in');
  const tooLong = waiting.filter((a) => isWaitingTooLong(a, now));
  const emergencies = all.filter(
    (a) => a.priority === 'emergency' && !isReleased(a.status) && a.status !== 'completed',
  );
  const loading = appointments.isPending || vets.isPending;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Today</Title>
          <Text c="dimmed">{formatLongDay(now)}</Text>
        </div>
        <Group>
          <Switch
            label="Show cancelled and no-shows"
            checked={showReleased}
            onChange={(e) => setShowReleased(e.currentTarget.checked)}
          />
          <BookButton />
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat
          label="Appointments"
          value={all.filter((a) => !isReleased(a.status)).length}
          loading={loading}
        />
        <Stat
          label="Waiting"
          value={waiting.length}
          loading={loading}
          tone={tooLong.length ? 'orange' : undefined}
          hint={tooLong.length ? `${tooLong.length} over ${WAITING_TOO_LONG_MINUTES} min` : undefined}
        />
        <Stat
          label="In progress"
          value={all.filter((a) => a.status === 'in_progress').length}
          loading={loading}
        />
        <Stat
          label="Emergencies"
          value={emergencies.length}
          loading={loading}
          tone={emergencies.length ? 'red' : undefined}
        />
      </SimpleGrid>

      {appointments.isError ? (
        <Text c="red">The schedule could not be loaded: {appointments.error.message}</Text>
      ) : loading ? (
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {[0, 1, 2].map((i) => (
            <Stack key={i}>
              <Skeleton height={28} width="60%" />
              <Skeleton height={140} />
              <Skeleton height={140} />
            </Stack>
          ))}
        </SimpleGrid>
      ) : (
        <SimpleGrid
          cols={{
            base: 1,
            md: Math.min(2, columns.length || 1),
            lg: Math.min(3, columns.length || 1),
            xl: Math.min(4, columns.length || 1),
          }}
          spacing="md"
        >
          {columns.map(({ vet, appointments: list }) => (
            <Paper
              key={vet.id}
              withBorder
              p="sm"
              radius="md"
              bg="gray.0"
              component="section"
              aria-labelledby={`vet-${vet.id}`}
            >
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id={`vet-${vet.id}`}>
                  {vet.fullName}
                </Title>
                <Badge color="gray" variant="outline">
                  {list.filter((a) => !isReleased(a.status)).length} booked
                </Badge>
              </Group>
              <Stack gap="sm">
                {list.length === 0 ? (
                  <EmptyState title="No appointments">A free day for {vet.fullName}.</EmptyState>
                ) : (
                  list.map((a) => (
                    <AppointmentCard
                      key={a.id}
                      appointment={a}
                      now={now}
                      canRecord={can(user.role, 'medicalRecords.create')}
                    />
                  ))
                )}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
