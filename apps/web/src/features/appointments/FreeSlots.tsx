import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatTime, sameDay } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { isDate } from './bookingValues';

interface FreeSlotsProps {
  veterinarianId: string;
  /** The day (YYYY-MM-DD, the clinic's calendar). */
  date: string;
  minutes: number;
  patientId?: string | undefined;
  /** Rescheduling: the appointment being moved does not block its own time. */
  excludeAppointmentId?: string | undefined;
  /** The start chosen now, to mark its chip. */
  selected: Date | null;
  onPick: (start: Date) => void;
}

/**
 * The vet's free start times on the chosen day for the chosen length (the server's answer: opening hours and
 * the vet's working day minus their, and the patient's, live appointments). Choosing one sets the time.
 */
export function FreeSlots({
  veterinarianId,
  date,
  minutes,
  patientId,
  excludeAppointmentId,
  selected,
  onPick,
}: FreeSlotsProps) {
  const trpc = useTRPC();
  const enabled = Boolean(veterinarianId) && isDate(date) && minutes > 0;
  const free = useQuery({
    ...trpc.schedule.freeSlots.queryOptions({
      veterinarianId,
      date,
      minutes,
      ...(patientId ? { patientId } : {}),
      ...(excludeAppointmentId ? { excludeAppointmentId } : {}),
    }),
    enabled,
  });
  if (!enabled) return null;
  const label = (
    <Text size="sm" fw={500} id="free-slots-label">
      Free times
    </Text>
  );
  if (free.isPending) {
    return (
      <Stack gap={4}>
        {label}
        <Skeleton height={28} />
      </Stack>
    );
  }
  if (free.isError) {
    return (
      <Stack gap={4}>
        {label}
        <Text size="sm" c="dimmed">
          Free times could not be loaded; enter a time.
        </Text>
      </Stack>
    );
  }
  const { closedReason, slots } = free.data;
  const empty =
    closedReason === 'closed'
      ? 'The clinic is closed on this day.'
      : closedReason === 'day_off'
        ? 'The veterinarian does not work on this day.'
        : 'No free time left on this day for this length.';
  return (
    <Stack gap={4}>
      {label}
      {slots.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Group
          gap={6}
          role="group"
          aria-labelledby="free-slots-label"
          // Four rows of 26 px chips with 6 px gaps, and half of the fifth: the cut row says "scroll for more".
          mah={4 * 32 + 13}
          style={{ overflowY: 'auto' }}
        >
          {slots.map((start) => {
            const chosen =
              selected !== null && sameDay(selected, start) && selected.getTime() === start.getTime();
            return (
              <Button
                key={start.getTime()}
                size="compact-sm"
                variant={chosen ? 'filled' : 'light'}
                aria-pressed={chosen}
                onClick={() => onPick(start)}
              >
                {formatTime(start)}
              </Button>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}
