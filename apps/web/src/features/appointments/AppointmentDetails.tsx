import { Badge, Button, Divider, Grid, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { AnchorLink } from '../../components/links';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import { AppointmentActions } from './AppointmentActions';
import { canReschedule } from './appointments';
import { PriorityBadge } from './PriorityBadge';
import { RescheduleForm } from './RescheduleForm';
import { StatusBadge } from './StatusBadge';

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

  return (
    <Stack>
      <AllergyAlert allergies={a.patient.allergies} compact />
      <Group gap="xs">
        <StatusBadge status={a.status} />
        <PriorityBadge priority={a.priority} />
        {a.patient.deceasedAt && <Badge color="dark">Deceased</Badge>}
      </Group>
      <Grid>
        <Grid.Col span={6}>
          <Text size="xs" c="dimmed" fw={700}>
            WHEN
          </Text>
          <Text>
            {formatDateTime(a.startsAt)} ({formatTimeRange(a.startsAt, a.endsAt)})
          </Text>
        </Grid.Col>
        <Grid.Col span={6}>
          <Text size="xs" c="dimmed" fw={700}>
            VETERINARIAN
          </Text>
          <Text>{a.veterinarian.fullName}</Text>
        </Grid.Col>
        <Grid.Col span={6}>
          <Text size="xs" c="dimmed" fw={700}>
            PATIENT
          </Text>
          <AnchorLink to="/patients/$patientId" params={{ patientId: a.patient.id }}>
            {a.patient.name} ({a.patient.species})
          </AnchorLink>
        </Grid.Col>
        <Grid.Col span={6}>
          <Text size="xs" c="dimmed" fw={700}>
            OWNER
          </Text>
          <Text>
            {a.owner.firstName} {a.owner.lastName} · {a.owner.phone}
          </Text>
        </Grid.Col>
        {a.notes && (
          <Grid.Col span={12}>
            <Text size="xs" c="dimmed" fw={700}>
              NOTES
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</Text>
          </Grid.Col>
        )}
        {a.cancelReason && (
          <Grid.Col span={12}>
            <Text size="xs" c="dimmed" fw={700}>
              CANCELLED BECAUSE
            </Text>
            <Text>{a.cancelReason}</Text>
          </Grid.Col>
        )}
      </Grid>
      <AppointmentActions appointment={a} patientName={a.patient.name} size="sm" />
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
