import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import type { BookingClashDetails, OutsideHoursDetails } from '@vetflow/schema/refusal';
import { formatDateTime, formatTime, formatTimeRange, sameDay } from '../../lib/format';

/** What a refused booking or reschedule offers as a way on: the next free time, or booking outside hours. */
export type BookingRefusal = BookingClashDetails | OutsideHoursDetails;

/**
 * A clash names the appointment it clashes with and offers the next free time; a time outside opening hours
 * (or on the vet's day off) can be booked anyway, on purpose.
 */
export function BookingRefusalAlert({
  refusal,
  onUseTime,
  onOverride,
  overrideLabel,
}: {
  refusal: BookingRefusal | null;
  onUseTime: (slot: { startsAt: Date; endsAt: Date }) => void;
  onOverride: () => void;
  overrideLabel: string;
}) {
  if (!refusal) return null;
  if (refusal.kind === 'outside_hours') {
    return (
      <Alert color="orange" icon={<IconClockExclamation />} title="Outside opening hours" role="alert">
        <Text size="sm">
          {refusal.reason === 'closed'
            ? 'This time is outside the clinic’s opening hours.'
            : 'The veterinarian does not work on this day.'}
        </Text>
        <Group mt="xs">
          <Button size="xs" color="orange" onClick={onOverride}>
            {overrideLabel}
          </Button>
        </Group>
      </Alert>
    );
  }
  const { clash, nextFree } = refusal;
  const next = nextFree
    ? clash && sameDay(nextFree.startsAt, clash.startsAt)
      ? formatTime(nextFree.startsAt)
      : formatDateTime(nextFree.startsAt)
    : null;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title="Time taken" role="alert">
      <Text size="sm">
        {clash
          ? `Clashes with ${clash.patientName}’s appointment ${formatTimeRange(clash.startsAt, clash.endsAt)} with ${clash.veterinarianName}.`
          : 'Clashes with another appointment.'}{' '}
        {next ? `Next free: ${next}` : 'No free time in the next two weeks.'}
      </Text>
      {nextFree && (
        <Group mt="xs">
          <Button size="xs" onClick={() => onUseTime(nextFree)}>
            Use {next}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
