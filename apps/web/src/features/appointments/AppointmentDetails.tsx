import { Badge, Button, Divider, Grid, Group, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { AnchorLink } from '../../components/links';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import type { RouterOutputs } from '../../lib/trpc';
import { AppointmentActions } from './AppointmentActions';
import { canReschedule } from './appointments';
import { PriorityBadge } from './PriorityBadge';
import { RescheduleForm } from './RescheduleForm';
import { StatusBadge } from './StatusBadge';
import { MOVES_DONE_BY_THE_RECORD, VisitLink, visitStep } from './VisitLink';

export type Appointment = RouterOutputs['appointments']['list'][number];

/** The appointment's details and status moves; reschedule on request (a refusal keeps the form open). */
export function AppointmentDetails({
  appointment: a,
  onClose,
}: {
  appointment: Appointment;
  onClose: () => void;
}) {
  const [showReschedule, setShowReschedule] = useState(false);
  const { role } = useCurrentUser();

  return (
    <Stack>
      <AllergyAlert allergies={a.patient.allergies} compact />
      <Group gap="xs">
        <StatusBadge status={a.status} />
        <PriorityBadge priority={a.priority} />
        {a.patient.deceasedAt && <Badge color="dark">Deceased</Badge>}
      </Group>
      <Grid>
        <Detail label="WHEN">
          <Text>
            {formatDateTime(a.startsAt)} ({formatTimeRange(a.startsAt, a.endsAt)})
          </Text>
        </Detail>
        <Detail label="VETERINARIAN">
          <Text>{a.veterinarian.fullName}</Text>
        </Detail>
        <Detail label="PATIENT">
          <AnchorLink to="/patients/$patientId" params={{ patientId: a.patient.id }}>
            {a.patient.name} ({a.patient.species})
          </AnchorLink>
        </Detail>
        <Detail label="OWNER">
          <Text>
            {a.owner.firstName} {a.owner.lastName} · {a.owner.phone}
          </Text>
        </Detail>
        {a.notes && (
          <Detail label="NOTES" span={12}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</Text>
          </Detail>
        )}
        {a.cancelReason && (
          <Detail label="CANCELLED BECAUSE" span={12}>
            <Text>{a.cancelReason}</Text>
          </Detail>
        )}
      </Grid>
      <Group gap={6} justify="space-between">
        <AppointmentActions
          appointment={a}
          patientName={a.patient.name}
          size="sm"
          omit={visitStep(a, role) === 'start' ? MOVES_DONE_BY_THE_RECORD : undefined}
        />
        <VisitLink appointment={a} size="sm" />
      </Group>
      {canReschedule(a.status) && (
        <>
          <Divider />
          {!showReschedule ? (
            <div>
              <Button variant="default" onClick={() => setShowReschedule(true)}>
                Reschedule…
              </Button>
            </div>
          ) : (
            <RescheduleForm appointment={a} onCancel={() => setShowReschedule(false)} onDone={onClose} />
          )}
        </>
      )}
    </Stack>
  );
}

/** One labelled fact of the appointment, half the width unless told. */
function Detail({ label, span = 6, children }: { label: string; span?: number; children: ReactNode }) {
  return (
    <Grid.Col span={span}>
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      {children}
    </Grid.Col>
  );
}
