import {
  Alert,
  Badge,
  Button,
  Divider,
  Grid,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { AnchorLink } from '../../components/links';
import { staleEdit, toProblem } from '../../lib/errors';
import {
  addMinutes,
  combineDateTime,
  formatDateTime,
  formatTimeRange,
  minutesBetween,
  toCalendarDate,
  toTimeString,
} from '../../lib/format';
import { useNotifiedMutation } from '../../lib/notify';
import type { RouterOutputs } from '../../lib/trpc';
import { useTRPC } from '../../lib/trpc';
import { AppointmentActions } from './AppointmentActions';
import { canReschedule } from './appointments';
import { DURATIONS } from './durations';
import { PriorityBadge } from './PriorityBadge';
import { StatusBadge } from './StatusBadge';
import { useInvalidateAppointments } from './useInvalidateAppointments';

export type Appointment = RouterOutputs['appointments']['list'][number];

interface RescheduleValues {
  date: string;
  time: string;
  duration: string;
  veterinarianId: string;
}

/** The appointment's details and status moves; reschedule on request (a refusal keeps the form open). */
export function AppointmentDetails({
  appointment: a,
  onClose,
}: {
  appointment: Appointment;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const invalidateAppointments = useInvalidateAppointments();
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const duration = minutesBetween(a.startsAt, a.endsAt);
  const [seen, setSeen] = useState(a.updatedAt);
  const [general, setGeneral] = useState<string | null>(null);
  const [showReschedule, setShowReschedule] = useState(false);
  useEffect(() => setSeen(a.updatedAt), [a.updatedAt]);
  const form = useForm<RescheduleValues>({
    mode: 'controlled',
    initialValues: {
      date: toCalendarDate(a.startsAt),
      time: toTimeString(a.startsAt),
      duration: DURATIONS.some((d) => d.value === String(duration)) ? String(duration) : '30',
      veterinarianId: a.veterinarianId,
    },
  });
  const reschedule = useNotifiedMutation(
    trpc.appointments.reschedule.mutationOptions({
      onSuccess: async () => {
        await invalidateAppointments();
        onClose();
      },
      onError: (e) => {
        const problem = toProblem(e);
        const stale = staleEdit<{ updatedAt: Date }>(problem);
        if (stale) {
          setSeen(stale.current.updatedAt);
          setGeneral(`${problem.message}. Check the new time and save again to apply yours.`);
          return;
        }
        const message = problem.message.replace(/^\w+: /, '');
        const field = problem.details.field;
        if (field === 'startsAt') form.setFieldError('time', message);
        else if (field === 'endsAt') form.setFieldError('duration', message);
        else if (field === 'veterinarianId') form.setFieldError('veterinarianId', message);
        setGeneral(message);
      },
    }),
    {
      pending: 'Rescheduling…',
      success: 'Appointment rescheduled',
      error: 'Not rescheduled',
      quietError: true,
    },
  );

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
            <form
              noValidate
              onSubmit={form.onSubmit((v) => {
                setGeneral(null);
                const startsAt = combineDateTime(v.date, v.time);
                if (!startsAt) {
                  form.setFieldError('time', 'Enter a valid date and time');
                  return;
                }
                reschedule.mutate({
                  id: a.id,
                  updatedAt: seen,
                  startsAt,
                  endsAt: addMinutes(startsAt, Number(v.duration)),
                  veterinarianId: v.veterinarianId,
                });
              })}
            >
              <Stack>
                <Text fw={600}>Reschedule</Text>
                {general && (
                  <Alert color="red" icon={<IconAlertCircle />} role="alert" title="Not rescheduled">
                    {general}
                  </Alert>
                )}
                <Grid>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <TextInput label="New date" type="date" required {...form.getInputProps('date')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <TextInput
                      label="New start time"
                      type="time"
                      step={300}
                      required
                      {...form.getInputProps('time')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <NativeSelect label="Duration" data={DURATIONS} {...form.getInputProps('duration')} />
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <NativeSelect
                      label="Veterinarian"
                      data={(vets.data ?? [{ id: a.veterinarianId, fullName: a.veterinarian.fullName }]).map(
                        (v) => ({ value: v.id, label: v.fullName }),
                      )}
                      {...form.getInputProps('veterinarianId')}
                    />
                  </Grid.Col>
                </Grid>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setShowReschedule(false)}>
                    Never mind
                  </Button>
                  <Button type="submit" loading={reschedule.isPending}>
                    Save new time
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </>
      )}
    </Stack>
  );
}
