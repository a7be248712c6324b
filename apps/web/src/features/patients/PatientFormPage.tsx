import { Alert, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ownerCrumb, ownersCrumb, patientCrumb } from '../../components/crumbs';
import { FormPage } from '../../components/FormPage';
import { RouteError } from '../../components/RouteStates';
import { SaveForm } from '../../components/SaveForm';
import { personName } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { confirmWeight } from '../medical-records/confirmWeight';
import { PatientFields } from './PatientFields';
import { FIELDS, type Patient, toPayload, toValues, usePatientForm } from './patientForm';

const newRoute = getRouteApi('/app/owners/$ownerId/pets/new');

export function PatientCreatePage() {
  const trpc = useTRPC();
  const { ownerId } = newRoute.useParams();
  const navigate = useNavigate();
  const owner = useQuery(trpc.owners.get.queryOptions({ id: ownerId }));
  const form = usePatientForm(toValues());
  const save = useSave(trpc.patients.create.mutationOptions(), {
    form,
    draft: { form: 'newPatient', recordId: ownerId },
    toInput: (values) => ({ ...toPayload(values), ownerId }),
    pending: 'Registering the pet…',
    success: (p) => `${p.name} registered`,
    error: 'The pet was not registered',
    refresh: [trpc.owners.pathFilter(), trpc.patients.list.pathFilter()],
    // The chart then offers "Add another pet" for the same owner (RegisteredNotice).
    onSaved: (patient) =>
      navigate({
        to: '/patients/$patientId',
        params: { patientId: patient.id },
        state: { registeredPet: true },
      }),
  });
  if (owner.isError) return <RouteError error={owner.error} reset={() => owner.refetch()} />;
  const ownerName = owner.data ? personName(owner.data) : '…';
  return (
    <FormPage
      width={900}
      crumbs={[ownersCrumb(), ownerCrumb(ownerId, ownerName)]}
      here="New pet"
      title="New pet"
      subtitle={`Owner: ${ownerName}`}
      notice={
        owner.data &&
        !owner.data.isActive && (
          <Alert color="yellow" title="Inactive owner">
            This owner is inactive; an administrator must reactivate them before a pet can be registered.
          </Alert>
        )
      }
    >
      <SaveForm
        form={form}
        save={save}
        submitLabel="Register pet"
        onCancel={() => navigate({ to: '/owners/$ownerId', params: { ownerId } })}
      >
        <PatientFields form={form} />
      </SaveForm>
    </FormPage>
  );
}

const editRoute = getRouteApi('/app/patients/$patientId/edit');

export function PatientEditPage() {
  const trpc = useTRPC();
  const { patientId } = editRoute.useParams();
  const patient = useQuery({
    ...trpc.patients.get.queryOptions({ id: patientId }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (patient.isPending) return <Skeleton height={480} maw={900} />;
  return <PatientEditForm patient={patient.data} />;
}

function PatientEditForm({ patient }: { patient: Patient }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const form = usePatientForm(toValues(patient));
  const save = useSave(trpc.patients.update.mutationOptions(), {
    form,
    draft: { form: 'patient', recordId: patient.id },
    version: { record: patient, toValues, fields: FIELDS },
    toInput: (values, seen) => ({ id: seen.id, updatedAt: seen.updatedAt, ...toPayload(values) }),
    pending: 'Saving the patient…',
    success: 'Patient saved',
    error: 'The patient was not saved',
    refresh: [trpc.patients.pathFilter(), trpc.owners.pathFilter()],
    onSaved: () => navigate({ to: '/patients/$patientId', params: { patientId: patient.id } }),
  });
  return (
    <FormPage
      width={900}
      crumbs={[ownerCrumb(patient.owner.id, personName(patient.owner)), patientCrumb(patient)]}
      here="Edit"
      title={`Edit ${patient.name}`}
    >
      <SaveForm
        form={form}
        save={{ ...save, submit: confirmWeight(save.submit, form, patient.weightKg) }}
        submitLabel="Save changes"
        onCancel={() => navigate({ to: '/patients/$patientId', params: { patientId: patient.id } })}
      >
        <PatientFields form={form} />
      </SaveForm>
    </FormPage>
  );
}
