import { Alert, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ownerCrumb, patientCrumb } from '../../components/crumbs';
import { FormPage } from '../../components/FormPage';
import { ButtonLink } from '../../components/links';
import { RouteError } from '../../components/RouteStates';
import { formatTimeRange, personName } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { appointmentQueries } from '../appointments/appointmentQueries';
import { STATUS_LABELS } from '../appointments/appointments';
import { confirmWeight } from './confirmWeight';
import { useVisitForm, VisitForm, visitPayload } from './VisitForm';

const route = getRouteApi('/app/patients/$patientId/visits/new');

const allergiesAdded = (count: number) =>
  count > 0 ? ` and ${count} allerg${count === 1 ? 'y' : 'ies'} added` : '';

/**
 * A new visit record, by the veterinarian who signs it; allergies found at the visit are added to the patient.
 * Opened from an appointment ("Start visit"), its reason is filled in, and saving completes the appointment.
 */
export function VisitFormPage() {
  const trpc = useTRPC();
  const { patientId } = route.useParams();
  const { appointmentId } = route.useSearch();
  const navigate = useNavigate();
  const patient = useQuery(trpc.patients.get.queryOptions({ id: patientId }));
  const appointment = useQuery({
    ...trpc.appointments.get.queryOptions({ id: appointmentId ?? '' }),
    enabled: !!appointmentId,
  });
  const form = useVisitForm();
  const bookedReason = appointment.data?.reason;
  useEffect(() => {
    // Once, before anything is typed: initialize does nothing on later calls.
    if (bookedReason) form.initialize({ ...form.getValues(), reason: bookedReason });
  }, [bookedReason, form.initialize, form.getValues]);
  const save = useSave(trpc.medicalRecords.create.mutationOptions(), {
    form,
    draft: { form: 'visit', recordId: patientId },
    // One transaction: the record, and the allergies and weight it tells about the patient.
    toInput: (values) => ({
      patientId,
      appointmentId: appointmentId ?? null,
      ...visitPayload(values),
      newAllergies: values.newAllergies.map((a) => ({
        allergen: a.allergen.trim(),
        severity: a.severity,
        reaction: a.reaction.trim() || null,
      })),
    }),
    pending: 'Saving the visit record…',
    success: (_record, input) => `Visit recorded${allergiesAdded(input.newAllergies.length)}`,
    error: 'The visit record was not saved',
    refresh: [trpc.medicalRecords.pathFilter(), trpc.patients.pathFilter(), ...appointmentQueries(trpc)],
    onSaved: () => navigate({ to: '/patients/$patientId', params: { patientId } }),
  });

  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (appointment.isError)
    return <RouteError error={appointment.error} reset={() => appointment.refetch()} />;
  if (patient.isPending || (appointmentId && appointment.isPending)) return <Skeleton height={520} />;
  const p = patient.data;
  const a = appointment.data;

  return (
    <FormPage
      width={980}
      crumbs={[ownerCrumb(p.owner.id, personName(p.owner)), patientCrumb(p)]}
      here="New visit record"
      title={`New visit: ${p.name}`}
      subtitle={`${p.species}${p.breed ? ` · ${p.breed}` : ''}`}
      notice={
        <>
          {p.deceasedAt && <Alert color="gray">This patient is recorded as deceased.</Alert>}
          {a && (
            <Alert color={a.recordId ? 'yellow' : 'blue'} title={a.recordId ? 'Already recorded' : undefined}>
              {a.recordId ? (
                <>
                  The visit of this appointment is already recorded; correct it with an amendment or addendum.{' '}
                  <ButtonLink
                    size="xs"
                    variant="light"
                    to="/patients/$patientId"
                    params={{ patientId }}
                    hash={`record-${a.recordId}`}
                  >
                    Open record
                  </ButtonLink>
                </>
              ) : (
                `For the appointment ${formatTimeRange(a.startsAt, a.endsAt)} with ${a.veterinarian.fullName} ` +
                `(${STATUS_LABELS[a.status].toLowerCase()}); saving the record completes it.`
              )}
            </Alert>
          )}
        </>
      }
    >
      <VisitForm
        form={form}
        save={{ ...save, submit: confirmWeight(save.submit, form, p.weightKg) }}
        allergies={p.allergies}
        submitLabel="Save visit record"
        withNewAllergies
        onCancel={() => navigate({ to: '/patients/$patientId', params: { patientId } })}
      />
    </FormPage>
  );
}
