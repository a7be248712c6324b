import { Grid, NativeSelect, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConflictField } from '../../components/ConflictAlert';
import { SaveForm } from '../../components/SaveForm';
import { bookingClash, outsideHours } from '../../lib/errors';
import {
  combineDateTime,
  formatCalendarDate,
  formatDuration,
  formatTime,
  minutesBetween,
  toCalendarDate,
  toTimeString,
} from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import type { Appointment } from './AppointmentDetails';
import { appointmentQueries } from './appointmentQueries';
import { type BookingRefusal, BookingRefusalAlert } from './BookingRefusal';
import { type BookValues, slotOf } from './bookingValues';
import { durationOptions } from './durations';
import { FreeSlots } from './FreeSlots';

type RescheduleValues = Pick<BookValues, 'date' | 'time' | 'duration' | 'veterinarianId'>;

/** An appointment's slot as the form's values (its own length is offered even when the list lacks it). */
const toValues = (a: Pick<Appointment, 'startsAt' | 'endsAt' | 'veterinarianId'>): RescheduleValues => ({
  date: toCalendarDate(a.startsAt),
  time: toTimeString(a.startsAt),
  duration: String(minutesBetween(a.startsAt, a.endsAt)),
  veterinarianId: a.veterinarianId,
});

const durationLabel = (value: string) => formatDuration(Number(value));

/**
 * A new time (and vet) for an appointment. A refusal keeps the form open with the server's words on the field
 * it concerns (a double booking on the start time); a move by someone else meanwhile is compared with the user's.
 */
export function RescheduleForm({
  appointment,
  onCancel,
  onDone,
}: {
  appointment: Appointment;
  onCancel: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const vetOptions = (
    vets.data ?? [{ id: appointment.veterinarianId, fullName: appointment.veterinarian.fullName }]
  ).map((v) => ({ value: v.id, label: v.fullName }));
  const vetName = (id: string) => vetOptions.find((v) => v.value === id)?.label ?? 'another veterinarian';
  const fields: ConflictField<RescheduleValues>[] = [
    { key: 'date', label: 'Date', format: formatCalendarDate },
    { key: 'time', label: 'Start time', format: (t) => formatTime(combineDateTime('2000-01-01', t)) },
    { key: 'duration', label: 'Duration', format: durationLabel },
    { key: 'veterinarianId', label: 'Veterinarian', format: vetName },
  ];
  const form = useForm<RescheduleValues>({
    mode: 'controlled',
    initialValues: toValues(appointment),
    validate: {
      time: (time, v) => (combineDateTime(v.date, time) ? null : 'Enter a valid date and time'),
    },
  });
  const [refusal, setRefusal] = useState<BookingRefusal | null>(null);
  const save = useSave(trpc.appointments.reschedule.mutationOptions(), {
    form,
    version: { record: appointment, toValues, fields },
    // The form's validation has checked the time. `outsideHours` is only ever sent from the alert's button.
    toInput: (v: RescheduleValues & { outsideHours?: boolean }, seen) => ({
      id: seen.id,
      updatedAt: seen.updatedAt,
      ...slotOf(v)!,
      veterinarianId: v.veterinarianId,
      outsideHours: v.outsideHours === true,
    }),
    onRefused: (problem) => setRefusal(bookingClash(problem) ?? outsideHours(problem)),
    fieldMap: { startsAt: 'time', endsAt: 'duration' },
    pending: 'Rescheduling…',
    success: 'Appointment rescheduled',
    error: 'The appointment was not rescheduled',
    refresh: appointmentQueries(trpc),
    onSaved: onDone,
  });
  const values = form.getValues();
  const pickTime = (when: Date) => {
    form.setValues({ date: toCalendarDate(when), time: toTimeString(when) });
    form.clearFieldError('time');
    setRefusal(null);
  };
  // A new attempt clears the last refusal's offer.
  const resubmit = (v: RescheduleValues) => {
    setRefusal(null);
    return save.submit(v);
  };
  return (
    <SaveForm
      form={form}
      save={{ ...save, submit: resubmit }}
      header={<Text fw={600}>Reschedule</Text>}
      submitLabel="Save new time"
      cancelLabel="Never mind"
      onCancel={onCancel}
    >
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="New date" type="date" required {...form.getInputProps('date')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput label="New start time" type="time" step={300} required {...form.getInputProps('time')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label="Duration"
            data={durationOptions(values.duration)}
            {...form.getInputProps('duration')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <NativeSelect label="Veterinarian" data={vetOptions} {...form.getInputProps('veterinarianId')} />
        </Grid.Col>
      </Grid>
      <FreeSlots
        veterinarianId={values.veterinarianId}
        date={values.date}
        minutes={Number(values.duration)}
        patientId={appointment.patientId}
        excludeAppointmentId={appointment.id}
        selected={slotOf(values)?.startsAt ?? null}
        onPick={pickTime}
      />
      <BookingRefusalAlert
        refusal={refusal}
        onUseTime={(slot) => pickTime(slot.startsAt)}
        onOverride={() => {
          setRefusal(null);
          void save.submit({ ...form.getValues(), outsideHours: true } as RescheduleValues);
        }}
        overrideLabel="Move anyway (outside opening hours)"
      />
    </SaveForm>
  );
}
