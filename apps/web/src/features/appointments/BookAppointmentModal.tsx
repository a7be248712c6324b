import { Grid, Modal, NativeSelect, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { APPOINTMENT_PRIORITIES, LIMITS } from '@vetflow/schema/values';
import { useEffect, useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { VisitReasonInput } from '../../components/inputs';
import { LongTextInput } from '../../components/LongTextInput';
import { SaveForm } from '../../components/SaveForm';
import { bookingClash, outsideHours } from '../../lib/errors';
import { combineDateTime, toCalendarDate, toTimeString } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';
import { appointmentQueries } from './appointmentQueries';
import { type BookingRefusal, BookingRefusalAlert } from './BookingRefusal';
import { type BookingPatient, type BookValues, initialValues, isDate, slotOf } from './bookingValues';
import { durationOptions } from './durations';
import { FreeSlots } from './FreeSlots';
import { PatientPicker } from './PatientPicker';

type Appointment = RouterOutputs['appointments']['create'];

interface BookingProps {
  onClose: () => void;
  patient?: BookingPatient | undefined;
  start?: Date | undefined;
  veterinarianId?: string | undefined;
  defaultVetId?: string | undefined;
  onBooked?: (a: Appointment) => void;
  /** Booking from an owner's page: the patient is chosen among these pets. */
  pets?: BookingPatient[] | undefined;
}

/**
 * Books an appointment: from a patient's chart (patient fixed) or from an empty calendar slot (vet and time
 * given, patient searched). Each opening starts a fresh form.
 */
export function BookAppointmentModal({ opened, ...props }: BookingProps & { opened: boolean }) {
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.patient ? `Book an appointment for ${props.patient.name}` : 'Book an appointment'}
      size="xl"
    >
      <BookingForm {...props} />
    </Modal>
  );
}

/**
 * A refusal (double booking, deceased patient) is shown as the server words it, on the field it concerns, and
 * the form keeps everything typed.
 */
function BookingForm({
  onClose,
  patient,
  start,
  veterinarianId,
  defaultVetId,
  onBooked,
  pets,
}: BookingProps) {
  const trpc = useTRPC();
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const types = useQuery(trpc.appointmentTypes.list.queryOptions({}));
  const [refusal, setRefusal] = useState<BookingRefusal | null>(null);
  const form = useForm<BookValues>({
    mode: 'controlled',
    initialValues: initialValues(patient, start, veterinarianId ?? defaultVetId ?? vets.data?.[0]?.id),
    validate: {
      patientId: (v) => (v ? null : 'Choose the patient'),
      veterinarianId: (v) => (v ? null : 'Choose the veterinarian'),
      date: (v) => (isDate(v) ? null : 'Enter the date'),
      time: (v, values) =>
        !/^\d{2}:\d{2}/.test(v)
          ? 'Enter the start time'
          : isDate(values.date) && !combineDateTime(values.date, v)
            ? 'Enter a valid date and time'
            : null,
      reason: (v) =>
        v.trim()
          ? v.trim().length > LIMITS.reason
            ? `At most ${LIMITS.reason} characters`
            : null
          : 'Give the reason for the visit',
    },
  });

  useEffect(() => {
    if (!form.getValues().veterinarianId && vets.data?.[0])
      form.setFieldValue('veterinarianId', defaultVetId ?? vets.data[0].id);
  }, [vets.data, defaultVetId, form]);

  const save = useSave(trpc.appointments.create.mutationOptions(), {
    form,
    // The form's validation has checked the time. `outsideHours` is only ever sent from the alert's button.
    toInput: (v: BookValues & { outsideHours?: boolean }) => ({
      patientId: v.patientId,
      veterinarianId: v.veterinarianId,
      ...slotOf(v)!,
      reason: v.reason.trim(),
      priority: v.priority,
      notes: v.notes.trim() || null,
      appointmentTypeId: v.appointmentTypeId || null,
      outsideHours: v.outsideHours === true,
    }),
    onRefused: (problem) => setRefusal(bookingClash(problem) ?? outsideHours(problem)),
    fieldMap: { startsAt: 'time', endsAt: 'duration' },
    pending: 'Booking…',
    success: 'Appointment booked',
    error: 'The appointment was not booked',
    refresh: appointmentQueries(trpc),
    onSaved: (a) => {
      onBooked?.(a);
      onClose();
    },
  });

  const values = form.getValues();
  const chosenPet = patient ?? pets?.find((p) => p.id === values.patientId);
  const pickTime = (when: Date) => {
    form.setValues({ date: toCalendarDate(when), time: toTimeString(when) });
    form.clearFieldError('time');
    setRefusal(null);
  };
  // A new attempt clears the last refusal's offer.
  const resubmit = (v: BookValues) => {
    setRefusal(null);
    return save.submit(v);
  };
  const chooseType = (id: string) => {
    const type = types.data?.find((t) => t.id === id);
    form.setFieldValue('appointmentTypeId', id);
    if (!type) return;
    form.setFieldValue('duration', String(type.defaultMinutes));
    if (!form.getValues().reason.trim()) form.setFieldValue('reason', type.name);
  };

  return (
    <SaveForm
      form={form}
      save={{ ...save, submit: resubmit }}
      header={
        chosenPet?.allergies &&
        chosenPet.allergies.length > 0 && <AllergyAlert allergies={chosenPet.allergies} compact />
      }
      submitLabel="Book appointment"
      cancelLabel="Close"
      onCancel={onClose}
    >
      {patient ? (
        <FixedPatient patient={patient} error={form.errors.patientId} />
      ) : pets ? (
        <NativeSelect
          label="Patient"
          required
          data={[
            { value: '', label: 'Choose…', disabled: true },
            ...pets.map((p) => ({ value: p.id, label: p.species ? `${p.name} (${p.species})` : p.name })),
          ]}
          {...form.getInputProps('patientId')}
        />
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
            label="Appointment type"
            data={[
              { value: '', label: types.isPending ? 'Loading…' : 'No type' },
              ...(types.data ?? []).map((t) => ({ value: t.id, label: t.name })),
            ]}
            {...form.getInputProps('appointmentTypeId')}
            onChange={(event) => chooseType(event.currentTarget.value)}
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
          <NativeSelect
            label="Duration"
            data={durationOptions(values.duration)}
            {...form.getInputProps('duration')}
          />
        </Grid.Col>
      </Grid>
      <FreeSlots
        veterinarianId={values.veterinarianId}
        date={values.date}
        minutes={Number(values.duration)}
        patientId={values.patientId || undefined}
        selected={slotOf(values)?.startsAt ?? null}
        onPick={pickTime}
      />
      <BookingRefusalAlert
        refusal={refusal}
        onUseTime={(slot) => pickTime(slot.startsAt)}
        onOverride={() => {
          setRefusal(null);
          void save.submit({ ...form.getValues(), outsideHours: true } as BookValues);
        }}
        overrideLabel="Book anyway (outside opening hours)"
      />
      <VisitReasonInput {...form.getInputProps('reason')} />
      <LongTextInput label="Notes" maxLength={LIMITS.notes} {...form.getInputProps('notes')} />
    </SaveForm>
  );
}

/** The patient booked from its chart: named, with what the server says about it (e.g. deceased meanwhile). */
function FixedPatient({ patient, error }: { patient: BookingPatient; error: React.ReactNode }) {
  return (
    <div>
      <Text size="sm">
        Patient: <b>{patient.name}</b>
        {patient.species ? ` (${patient.species})` : ''}
      </Text>
      {error && (
        <Text size="sm" c="red.8">
          {error}
        </Text>
      )}
    </div>
  );
}
