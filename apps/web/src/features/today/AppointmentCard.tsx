import { Badge, Card, Group, Text } from '@mantine/core';
import { IconClockExclamation, IconPhone } from '@tabler/icons-react';
import type { UserRole } from '@vetflow/schema/values';
import { memo } from 'react';
import { AllergyMarker } from '../../components/AllergyMarker';
import { AnchorLink } from '../../components/links';
import { formatTimeRange } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import { AppointmentActions } from '../appointments/AppointmentActions';
import { isReleased } from '../appointments/appointments';
import { PriorityBadge } from '../appointments/PriorityBadge';
import { StatusBadge } from '../appointments/StatusBadge';
import { MOVES_DONE_BY_THE_RECORD, VisitLink, visitStep } from '../appointments/VisitLink';
import { type TriageMinutes, waitLabel, waitOf } from './triage';

type Appointment = RouterOutputs['appointments']['list'][number];

/**
 * One appointment of the day: time, patient and allergies, owner's phone, waiting time (flagged in words once past
 * its priority's triage threshold), status moves, the way into the visit record.
 *
 * Memoised: Today re-renders for reasons that change no card (its folded columns read back from local storage as
 * it mounts, the other queries settling), and such a re-render is not sliced like the first one: with every card in
 * it, it was the longest task of the page's load. A card renders again when its appointment (the query keeps an
 * unchanged one's identity across refetches), the clock, the role or the triage thresholds change.
 */
export const AppointmentCard = memo(function AppointmentCard({
  appointment: a,
  now,
  role,
  triage,
}: {
  appointment: Appointment;
  now: Date;
  role: UserRole;
  triage: TriageMinutes;
}) {
  const wait = waitOf(a, now, triage);
  const tooLong = wait?.overdue ?? false;
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
      {wait && (
        <Group gap={4} mt={6}>
          <Badge
            color={tooLong ? (a.priority === 'emergency' ? 'red' : 'orange') : 'gray'}
            variant={tooLong ? 'filled' : 'outline'}
            leftSection={tooLong ? <IconClockExclamation size={12} aria-hidden /> : undefined}
          >
            {waitLabel(wait)}
          </Badge>
        </Group>
      )}
      {a.status === 'cancelled' && a.cancelReason && (
        <Text size="xs" c="dimmed" mt={4}>
          Cancelled: {a.cancelReason}
        </Text>
      )}
      <Group mt="sm" gap={6} justify="space-between">
        <AppointmentActions
          appointment={a}
          patientName={a.patient.name}
          omit={visitStep(a, role) === 'start' ? MOVES_DONE_BY_THE_RECORD : undefined}
        />
        <VisitLink appointment={a} />
      </Group>
    </Card>
  );
});
