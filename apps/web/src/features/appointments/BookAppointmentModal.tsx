import {
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { APPOINTMENT_PRIORITIES, LIMITS } from '@vetflow/schema/values';
import { useEffect, useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { toProblem } from '../../lib/errors';
import { addMinutes, combineDateTime } from '../../lib/format';
import { useNotifiedMutation } from '../../lib/notify';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';
import { type BookingPatient, type BookValues, initialValues } from './bookingValues';
import { DURATIONS } from './durations';
import { PatientPicker } from './PatientPicker';
import { useInvalidateAppointments } from './useInvalidateAppointments';

type Appointment = RouterOutputs['appointments']['create'];

/**
 * Books an appointment: from a patient's chart (patient fixed) or from an empty calendar slot (vet and time
 * given, patient searched). A refusal (double booking, deceased patient) is shown as the server words it, on
 * the field it concerns, and the form keeps everything typed.
 */
export function BookAppointmentModal({
  opened,
  onClose,
  patient,
  start,
  veterinarianId,
  defaultVetId,
  onBooked,
}: {
  opened: boolean;
  onClose: () => void;
  patient?: BookingPatient | undefined;
  start?: Date | undefined;
  veterinarianId?: string | undefined;
  defaultVetId?: string | undefined;
  onBooked?: (a: Appointment) => void;
}) {
  const trpc = useTRPC();
  const invalidateAppointments = useInvalidateAppointments();
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<BookValues>({
    mode: 'controlled',
    initialValues: initialValues(patient, start, veterinarianId ?? defaultVetId),
    validate: {
      patientId: (v) => (v ? null : 'Choose the patient'),
      veterinarianId: (v) => (v ? null : 'Choose the veterinarian'),
      date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Enter the date'),
      time: (v) => (/^\d{2}:\d{2}/.test(v) ? null : 'Enter the start time'),
      reason: (v) =>
        v.trim()
          ? v.trim().length > LIMITS.reason
            ? `At most ${LIMITS.reason} characters`
            : null
          : 'Give the reason for the visit',
    },
  });

  // A new slot or patient opens a fresh form; a refusal leaves the form as it was.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for a new booking
  useEffect(() => {
    if (opened) {
      form.setValues(
        initialValues(patient, start, veterinarianId ?? defaultVetId ?? vets.data?.[0]?.id ?? ''),
      );
      form.clearErrors();
      setGeneral(null);
    }
  }, [opened, patient?.id, start?.getTime(), veterinarianId]);

  useEffect(() => {
    if (opened && !form.getValues().veterinarianId && vets.data?.[0])
      form.setFieldValue('veterinarianId', defaultVetId ?? vets.data[0].id);
  }, [opened, vets.data, defaultVetId, form]);

  const create = useNotifiedMutation(
    trpc.appointments.create.mutationOptions({
      onSuccess: async (a) => {
        await invalidateAppointments();
        onBooked?.(a);
        onClose();
      },
      onError: (e) => {
        const problem = toProblem(e);
        const field = typeof problem.details.field === 'string' ? problem.details.field : null;
        const map: Record<string, keyof BookValues> = {
          startsAt: 'time',
          endsAt: 'duration',
          patientId: 'patientId',
          veterinarianId: 'veterinarianId',
          reason: 'reason',
          notes: 'notes',
          priority: 'priority',
        };
        const errors: Record<string, string> = {};
        for (const issue of problem.issues) {
          const key = map[issue.path];
          if (key) errors[key] = issue.message;
        }
        const message = problem.message.replace(/^\w+: /, '');
        if (field && map[field]) errors[map[field]!] = message;
        form.setErrors(errors);
        setGeneral(message);
      },
    }),
    { pending: 'Booking…', success: 'Appointment booked', error: 'Not booked', quietError: true },
  );

  const submit = form.onSubmit((v) => {
    setGeneral(null);
    const startsAt = combineDateTime(v.date, v.time);
    if (!startsAt) {
      form.setFieldError('time', 'Enter a valid date and time');
      return;
    }
    create.mutate({
      patientId: v.patientId,
      veterinarianId: v.veterinarianId,
      startsAt,
      endsAt: addMinutes(startsAt, Number(v.duration)),
      reason: v.reason.trim(),
      priority: v.priority,
      notes: v.notes.trim() || null,
    });
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={patient ? `Book an appointment for ${patient.name}` : 'Book an appointment'}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {patient?.allergies && patient.allergies.length > 0 && (
            <AllergyAlert allergies={patient.allergies} compact />
          )}
          {general && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert" title="The appointment was not booked">
              {general}
            </Alert>
          )}
          {patient ? (
            <Text size="sm">
              Patient: <b>{patient.name}</b>
              {patient.species ? ` (${patient.species})` : ''}
            </Text>
          ) : (
            <PatientPicker
              value={form.getValues().patientId}
              onChange={(id) => form.setFieldValue('patientId', id ?? '')}
              error={form.errors.patientId}
            />
          )}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label="Veterinarian"
                required
                data={[
                  { value: '', label: vets.isPending ? 'Loading…' : 'Choose…', disabled: true },
                  ...(vets.data ?? []).map((v) => ({ value: v.id, label: v.fullName })),
                ]}
                {...form.getInputProps('veterinarianId')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label="Priority"
                data={APPOINTMENT_PRIORITIES.map((p) => ({
                  value: p,
                  label: p.charAt(0).toUpperCase() + p.slice(1),
                }))}
                {...form.getInputProps('priority')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Date" type="date" required {...form.getInputProps('date')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <TextInput label="Start time" type="time" step={300} required {...form.getInputProps('time')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NativeSelect label="Duration" data={DURATIONS} {...form.getInputProps('duration')} />
            </Grid.Col>
          </Grid>
          <TextInput
            label="Reason for the visit"
            required
            maxLength={LIMITS.reason}
            {...form.getInputProps('reason')}
          />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxLength={LIMITS.notes}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={create.isPending}>
              Book appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
