import '@mantine/dates/styles.css';
import {
  ActionIcon,
  Box,
  Button,
  Group,
  NativeSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { LiveIndicator } from '../../components/LiveIndicator';
import {
  addDays,
  addMinutes,
  formatLongDay,
  formatTime,
  formatWeekday,
  parseCalendarDate,
  sameDay,
  startOfDay,
  startOfWeek,
  toCalendarDate,
} from '../../lib/format';
import { usePollWhileNotLive } from '../../lib/live';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { AppointmentDetailsModal } from '../appointments/AppointmentDetailsModal';
import { isReleased } from '../appointments/appointments';
import { BookAppointmentModal } from '../appointments/BookAppointmentModal';
import { type Column, SLOT_HEIGHT, SLOT_MINUTES } from './calendarGrid';
import { DayColumn } from './DayColumn';

const route = getRouteApi('/app/calendar');
const DEFAULT_FIRST_HOUR = 8;
const DEFAULT_LAST_HOUR = 19;
/** How often the grid is refetched while live updates are not up. */
const CALENDAR_REFRESH_MS = 60_000;

/** The schedule as a grid: all veterinarians on one day, or one veterinarian over a week. */
export function CalendarPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/calendar' });
  const user = useCurrentUser();
  const view = search.view ?? 'day';
  const day = parseCalendarDate(search.date) ?? startOfDay(new Date());
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const vetId =
    search.vet ??
    (view === 'week' ? (user.role === 'veterinarian' ? user.id : vets.data?.[0]?.id) : undefined);

  const from = view === 'week' ? startOfWeek(day) : day;
  const to = addDays(from, view === 'week' ? 7 : 1);
  // Bookings, moves and check-ins from other screens show without a reload: live updates invalidate the lists
  // whose range and vet they concern (lib/live.ts). Only while those are not up is the grid polled.
  const appointments = useQuery({
    ...trpc.appointments.list.queryOptions({ from, to, veterinarianId: vetId }),
    refetchInterval: usePollWhileNotLive(CALENDAR_REFRESH_MS),
    refetchIntervalInBackground: false,
  });
  const [booking, setBooking] = useState<{ start: Date; vetId: string } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = appointments.data?.find((a) => a.id === selectedId) ?? null;

  const setSearch = (patch: Partial<typeof search>) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  const shift = (n: number) => setSearch({ date: toCalendarDate(addDays(day, view === 'week' ? 7 * n : n)) });

  const fromKey = from.getTime();
  const columns: Column[] = useMemo(() => {
    const start = new Date(fromKey);
    const list = (appointments.data ?? []).filter((a) => !isReleased(a.status));
    if (view === 'week') {
      const vet = vets.data?.find((v) => v.id === vetId);
      return Array.from({ length: 7 }, (_, i) => {
        const d = addDays(start, i);
        return {
          key: toCalendarDate(d),
          title: formatWeekday(d),
          day: d,
          vetId: vetId ?? '',
          vetName: vet?.fullName ?? '',
          appointments: list.filter((a) => sameDay(a.startsAt, d)),
        };
      });
    }
    const shown = (vets.data ?? []).filter((v) => !vetId || v.id === vetId);
    return shown.map((v) => ({
      key: v.id,
      title: v.fullName,
      day: start,
      vetId: v.id,
      vetName: v.fullName,
      appointments: list.filter((a) => a.veterinarianId === v.id),
    }));
  }, [appointments.data, vets.data, view, vetId, fromKey]);

  // The grid covers the working day, stretched to show any appointment outside it.
  let firstHour = DEFAULT_FIRST_HOUR;
  let lastHour = DEFAULT_LAST_HOUR;
  for (const a of appointments.data ?? []) {
    firstHour = Math.min(firstHour, a.startsAt.getHours());
    lastHour = Math.max(lastHour, a.endsAt.getHours() + (a.endsAt.getMinutes() ? 1 : 0));
  }
  lastHour = Math.min(24, Math.max(lastHour, firstHour + 1));
  const slots = ((lastHour - firstHour) * 60) / SLOT_MINUTES;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Calendar</Title>
          <Group gap="xs">
            <Text c="dimmed">{view === 'week' ? `Week of ${formatLongDay(from)}` : formatLongDay(day)}</Text>
            <LiveIndicator />
          </Group>
        </div>
        <Group gap="xs" align="flex-end">
          <SegmentedControl
            aria-label="Calendar view"
            value={view}
            onChange={(v) => setSearch({ view: v as 'day' | 'week', vet: v === 'week' ? vetId : search.vet })}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
          <NativeSelect
            label="Veterinarian"
            value={vetId ?? ''}
            onChange={(e) => setSearch({ vet: e.currentTarget.value || undefined })}
            data={[
              ...(view === 'day' ? [{ value: '', label: 'All veterinarians' }] : []),
              ...(vets.data ?? []).map((v) => ({ value: v.id, label: v.fullName })),
            ]}
          />
          <Group gap={4}>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => shift(-1)}
              aria-label={view === 'week' ? 'Previous week' : 'Previous day'}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
            <Button variant="default" onClick={() => setSearch({ date: undefined })}>
              Today
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => shift(1)}
              aria-label={view === 'week' ? 'Next week' : 'Next day'}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Group>
          <DatePickerInput
            label="Go to date"
            value={toCalendarDate(day)}
            onChange={(v) => v && setSearch({ date: String(v).slice(0, 10) })}
            valueFormat="MMM D, YYYY"
            w={150}
            firstDayOfWeek={1}
          />
        </Group>
      </Group>

      <Text size="sm" c="dimmed">
        Click an empty slot to book it; click an appointment to see it, change its status or reschedule it.
      </Text>

      {appointments.isPending || vets.isPending ? (
        <Skeleton height={520} />
      ) : appointments.isError ? (
        <Text c="red">The calendar could not be loaded: {appointments.error.message}</Text>
      ) : (
        <ScrollArea type="auto">
          <Box
            style={{
              display: 'grid',
              gridTemplateColumns: `64px repeat(${columns.length}, minmax(140px, 1fr))`,
              minWidth: 64 + columns.length * 140,
            }}
          >
            <div />
            {columns.map((c) => (
              <Paper
                key={c.key}
                p={6}
                radius={0}
                withBorder
                ta="center"
                fw={700}
                bg={view === 'week' && sameDay(c.day, new Date()) ? 'indigo.0' : 'gray.0'}
              >
                <Text fw={700} size="sm">
                  {c.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.appointments.length} booked
                </Text>
              </Paper>
            ))}
            <Box style={{ position: 'relative', height: slots * SLOT_HEIGHT }}>
              {Array.from({ length: slots }, (_, i) => {
                const t = addMinutes(
                  new Date(from.getFullYear(), from.getMonth(), from.getDate(), firstHour),
                  i * SLOT_MINUTES,
                );
                return (
                  <Text
                    key={t.getTime()}
                    size="xs"
                    c="dimmed"
                    ta="right"
                    pr={6}
                    style={{ position: 'absolute', top: i * SLOT_HEIGHT - 7, right: 0 }}
                  >
                    {i % 2 === 0 ? formatTime(t) : ''}
                  </Text>
                );
              })}
            </Box>
            {columns.map((c) => (
              <DayColumn
                key={c.key}
                column={c}
                firstHour={firstHour}
                slots={slots}
                onBook={(start) => setBooking({ start, vetId: c.vetId })}
                onOpen={(a) => setSelectedId(a.id)}
              />
            ))}
          </Box>
        </ScrollArea>
      )}

      <BookAppointmentModal
        opened={!!booking}
        onClose={() => setBooking(null)}
        start={booking?.start}
        veterinarianId={booking?.vetId}
      />
      <AppointmentDetailsModal appointment={selected} onClose={() => setSelectedId(null)} />
    </Stack>
  );
}
