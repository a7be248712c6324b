import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_TRIAGE_MINUTES } from '@vetflow/schema/values';
import { useDeferredValue, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { LiveIndicator } from '../../components/LiveIndicator';
import { formatLongDay } from '../../lib/format';
import { useLiveState } from '../../lib/live';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { groupByVeterinarian, isReleased } from '../appointments/appointments';
import { BookButton } from '../appointments/BookButton';
import { AppointmentCard } from './AppointmentCard';
import { Stat } from './Stat';
import { todayAppointmentsQuery, triageSettingsQuery, veterinariansQuery } from './todayQueries';
import { waitOf } from './triage';
import { useNow } from './useNow';

/**
 * How often an open Today asks for the day's appointments again while live updates are not working (only while
 * the tab is visible): the fallback. With them, a change shows as soon as its event arrives.
 */
const TODAY_REFRESH_MS = 5_000;

/** The day's appointments per veterinarian, with who is waiting (and for how long) and the emergencies. */
export function TodayPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const now = useNow();
  const [showReleased, setShowReleased] = useState(false);
  // Reception's check-ins and the vets' visits show on every open Today within a second, without a reload: live
  // updates invalidate the day's list (lib/live.ts). Until they are up, or while they are lost, it is polled
  // while the tab is visible (not in the background); and at once when the tab is back in focus.
  const live = useLiveState();
  const appointments = useQuery({
    ...todayAppointmentsQuery(trpc, now),
    refetchInterval: live === 'live' ? false : TODAY_REFRESH_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
  });
  // The columns this user folded away, remembered in this browser for this user.
  const [collapsed, setCollapsed] = useLocalStorage<string[]>({
    key: `vetflow.today.collapsed.${user.id}`,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const toggle = (vetId: string) =>
    setCollapsed((ids) => (ids.includes(vetId) ? ids.filter((id) => id !== vetId) : [...ids, vetId]));
  const vets = useQuery(veterinariansQuery(trpc));
  // The clinic's triage thresholds; a change reaches this page through live updates (lib/live.ts). Until they
  // are loaded the defaults apply, so an emergency is flagged from the first paint.
  const settings = useQuery(triageSettingsQuery(trpc));
  const triage = settings.data?.triageMinutes ?? DEFAULT_TRIAGE_MINUTES;

  // The day's cards render from a deferred copy of the list: React renders them in short slices between the
  // browser's other work (not one long task that blocks input while dozens of cards render), then shows them at once.
  // Even when the list is already there as the page mounts (asked for with the session check): the page first
  // renders its frame, then the cards.
  // (The initial value must not be `undefined`, which React reads as "none given".)
  const day = useDeferredValue(appointments.data ?? null, null);
  const all = day ?? [];
  const visible = showReleased ? all : all.filter((a) => !isReleased(a.status));
  // A vet's own day comes first; it cannot be folded away.
  const grouped = groupByVeterinarian(visible, vets.data ?? []);
  const columns = [
    ...grouped.filter((c) => c.vet.id === user.id),
    ...grouped.filter((c) => c.vet.id !== user.id),
  ];
  const isCollapsed = (vetId: string) => vetId !== user.id && collapsed.includes(vetId);
  const open = columns.filter((c) => !isCollapsed(c.vet.id));
  const folded = columns.filter((c) => isCollapsed(c.vet.id));
  const booked = (list: readonly { status: (typeof all)[number]['status'] }[]) =>
    list.filter((a) => !isReleased(a.status)).length;
  const waiting = all.filter((a) => a.status === 'checked_in');
  const tooLong = waiting.filter((a) => waitOf(a, now, triage)?.overdue);
  const emergencies = all.filter(
    (a) => a.priority === 'emergency' && !isReleased(a.status) && a.status !== 'completed',
  );
  const loading = day === null || vets.isPending;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Today</Title>
          <Group gap="xs">
            <Text c="dimmed">{formatLongDay(now)}</Text>
            <LiveIndicator />
          </Group>
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
        <Stat label="Appointments" value={booked(all)} loading={loading} />
        <Stat
          label="Waiting"
          value={waiting.length}
          loading={loading}
          tone={tooLong.length ? 'orange' : undefined}
          hint={tooLong.length ? `${tooLong.length} waiting too long` : undefined}
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
        <Stack gap="sm">
          {folded.length > 0 && (
            <Group gap="xs" aria-label="Collapsed columns">
              {folded.map(({ vet, appointments: list }) => (
                <Button
                  key={vet.id}
                  variant="default"
                  size="xs"
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                  onClick={() => toggle(vet.id)}
                  // The visible text stays part of the name (WCAG 2.5.3, label in name).
                  aria-label={`Expand ${vet.fullName} · ${booked(list)} booked`}
                >
                  {vet.fullName} · {booked(list)} booked
                </Button>
              ))}
            </Group>
          )}
          <SimpleGrid
            cols={{
              base: 1,
              md: Math.min(2, open.length || 1),
              lg: Math.min(3, open.length || 1),
              xl: Math.min(4, open.length || 1),
            }}
            spacing="md"
          >
            {open.map(({ vet, appointments: list }) => (
              <Paper
                key={vet.id}
                withBorder
                p="sm"
                radius="md"
                bg={vet.id === user.id ? 'blue.0' : 'gray.0'}
                component="section"
                aria-labelledby={`vet-${vet.id}`}
              >
                <Group justify="space-between" mb="sm" wrap="nowrap">
                  <Title order={2} size="h4" id={`vet-${vet.id}`}>
                    {vet.id === user.id ? `${vet.fullName} (you)` : vet.fullName}
                  </Title>
                  <Group gap={4} wrap="nowrap">
                    <Badge color="gray" variant="outline">
                      {booked(list)} booked
                    </Badge>
                    {vet.id !== user.id && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => toggle(vet.id)}
                        aria-label={`Collapse ${vet.fullName}'s column`}
                      >
                        <IconChevronUp size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
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
                        role={user.role}
                        triage={triage}
                      />
                    ))
                  )}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
