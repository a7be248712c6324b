import { Badge, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconClockExclamation, IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { AnchorLink, ButtonLink } from '../../components/links';
import { addDays, formatLongDay, formatTimeRange, startOfDay } from '../../lib/format';
import { can } from '../../lib/roles';
import { useCurrentUser } from '../../lib/session';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import {
  AllergyMarker,
  AppointmentActions,
  PriorityBadge,
  StatusBadge,
} from '../appointments/AppointmentBits';
import {
  groupByVeterinarian,
  isReleased,
  isWaitingTooLong,
  WAITING_TOO_LONG_MINUTES,
  waitingMinutes,
} from '../appointments/appointments';

type Appointment = RouterOutputs['appointments']['list'][number];

/** Re-renders every 30 s so waiting times stay true. */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => new Date());
  const interval = useInterval(() => setNow(new Date()), everyMs);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}

export function TodayPage() {
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
        <Switch
          label="Show cancelled and no-shows"
          checked={showReleased}
          onChange={(e) => setShowReleased(e.currentTarget.checked)}
        />
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

function Stat({
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
          {hint ? (
            <Text span size="sm" fw={500} ml={8}>
              ({hint})
            </Text>
          ) : null}
        </Text>
      )}
    </Paper>
  );
}

function AppointmentCard({
  appointment: a,
  now,
  canRecord,
}: {
  appointment: Appointment;
  now: Date;
  canRecord: boolean;
}) {
  const waited = waitingMinutes(a, now);
  const tooLong = isWaitingTooLong(a, now);
  const classes = [
    a.priority === 'emergency' && !isReleased(a.status) ? 'vf-emergency' : '',
    a.priority === 'urgent' && !isReleased(a.status) ? 'vf-urgent' : '',
    tooLong ? 'vf-waiting' : '',
    isReleased(a.status) || a.status === 'completed' ? 'vf-done' : '',
  ].join(' ');
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      className={classes}
      component="article"
      aria-label={`${a.patient.name}, ${formatTimeRange(a.startsAt, a.endsAt)}`}
    >
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <Text fw={700} size="sm">
          {formatTimeRange(a.startsAt, a.endsAt)}
        </Text>
        <Group gap={4} justify="flex-end">
          <PriorityBadge priority={a.priority} hideRoutine />
          <StatusBadge status={a.status} />
        </Group>
      </Group>
      <Group gap={6} mt={4} wrap="nowrap">
        <AnchorLink to="/patients/$patientId" params={{ patientId: a.patient.id }} fw={600}>
          {a.patient.name}
        </AnchorLink>
        <Text size="sm" c="dimmed">
          {a.patient.species}
        </Text>
        <AllergyMarker allergies={a.patient.allergies} />
      </Group>
      <Text size="sm" mt={2}>
        {a.reason}
      </Text>
      <Group gap={4} mt={2}>
        <Text size="xs" c="dimmed">
          {a.owner.firstName} {a.owner.lastName}
        </Text>
        <IconPhone size={12} aria-hidden />
        <Text size="xs" c="dimmed">
          {a.owner.phone}
        </Text>
      </Group>
      {waited !== null && (
        <Group gap={4} mt={6}>
          <Badge
            color={tooLong ? 'orange' : 'gray'}
            variant={tooLong ? 'filled' : 'outline'}
            leftSection={tooLong ? <IconClockExclamation size={12} aria-hidden /> : undefined}
          >
            Waiting {waited} min{tooLong ? ' — over 15 min' : ''}
          </Badge>
        </Group>
      )}
      {a.status === 'cancelled' && a.cancelReason && (
        <Text size="xs" c="dimmed" mt={4}>
          Cancelled: {a.cancelReason}
        </Text>
      )}
      <Group mt="sm" gap={6} justify="space-between">
        <AppointmentActions appointment={a} patientName={a.patient.name} />
        {canRecord && (a.status === 'in_progress' || a.status === 'completed') && (
          <ButtonLink
            size="xs"
            variant="light"
            to="/patients/$patientId/visits/new"
            params={{ patientId: a.patient.id }}
            search={{ appointmentId: a.id }}
          >
            Record visit
          </ButtonLink>
        )}
      </Group>
    </Card>
  );
}
