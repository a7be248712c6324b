import {
  Alert,
  Autocomplete,
  Card,
  Checkbox,
  Grid,
  NativeSelect,
  NumberInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { patientFields } from '@vetflow/schema/validators';
import { LIMITS, PATIENT_SEXES, type PatientSex } from '@vetflow/schema/values';
import { AllergiesEditor, type AllergyFormValue } from '../../components/AllergiesEditor';
import { ConflictAlert, type ConflictField } from '../../components/ConflictAlert';
import { FormActions } from '../../components/FormActions';
import { AnchorLink } from '../../components/links';
import { NotSavedAlert } from '../../components/NotSavedAlert';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { toCalendarDate } from '../../lib/format';
import { numberOrNull, zodValidate } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { queryClient, type RouterOutputs, trpc } from '../../lib/trpc';
import { useSaveRefusal } from '../../lib/useSaveRefusal';
import { useStaleEdit } from '../../lib/useStaleEdit';

type Patient = RouterOutputs['patients']['get'];

export interface PatientFormValues {
  name: string;
  species: string;
  breed: string;
  sex: PatientSex;
  neutered: boolean;
  dateOfBirth: string;
  weightKg: number | string;
  microchipId: string;
  allergies: AllergyFormValue[];
}

const SPECIES = [
  'Dog',
  'Cat',
  'Rabbit',
  'Guinea pig',
  'Hamster',
  'Ferret',
  'Parrot',
  'Budgerigar',
  'Bearded dragon',
  'Tortoise',
  'Horse',
];

const FIELDS: ConflictField[] = [
  { key: 'name', label: 'Name' },
  { key: 'species', label: 'Species' },
  { key: 'breed', label: 'Breed' },
  { key: 'sex', label: 'Sex' },
  { key: 'neutered', label: 'Neutered' },
  { key: 'dateOfBirth', label: 'Date of birth' },
  { key: 'weightKg', label: 'Weight (kg)' },
  { key: 'microchipId', label: 'Microchip' },
  { key: 'allergies', label: 'Allergies' },
];
const FIELD_KEYS = [...FIELDS.map((f) => f.key), 'ownerId'];

const toValues = (p?: Partial<Patient>): PatientFormValues => ({
  name: p?.name ?? '',
  species: p?.species ?? '',
  breed: p?.breed ?? '',
  sex: p?.sex ?? 'unknown',
  neutered: p?.neutered ?? false,
  dateOfBirth: p?.dateOfBirth ?? '',
  weightKg: p?.weightKg ?? '',
  microchipId: p?.microchipId ?? '',
  allergies: (p?.allergies ?? []).map((a) => ({
    allergen: a.allergen,
    severity: a.severity,
    reaction: a.reaction ?? '',
  })),
});

/** The form's values as the API's input. */
export const toPayload = (v: PatientFormValues) => ({
  name: v.name,
  species: v.species,
  breed: v.breed,
  sex: v.sex,
  neutered: v.neutered,
  dateOfBirth: v.dateOfBirth || null,
  weightKg: numberOrNull(v.weightKg),
  microchipId: v.microchipId,
  allergies: v.allergies.map((a) => ({ allergen: a.allergen, severity: a.severity, reaction: a.reaction })),
});

const PLACEHOLDER_OWNER = '00000000-0000-4000-8000-000000000000';
const validate = zodValidate<PatientFormValues>(patientFields, (v) => ({
  ...toPayload(v),
  ownerId: PLACEHOLDER_OWNER,
}));

function usePatientForm(initial: PatientFormValues) {
  return useForm<PatientFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate,
    validateInputOnBlur: true,
  });
}

function PatientFields({ form }: { form: ReturnType<typeof usePatientForm> }) {
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label="Name"
            required
            maxLength={LIMITS.name}
            data-autofocus
            {...form.getInputProps('name')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Autocomplete
            label="Species"
            required
            maxLength={LIMITS.species}
            data={SPECIES}
            {...form.getInputProps('species')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Breed" maxLength={LIMITS.breed} {...form.getInputProps('breed')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label="Sex"
            data={PATIENT_SEXES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }))}
            {...form.getInputProps('sex')}
          />
        </Grid.Col>
        <Grid.Col
          span={{ base: 6, sm: 3 }}
          style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 14 }}
        >
          <Checkbox label="Neutered" {...form.getInputProps('neutered', { type: 'checkbox' })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label="Date of birth"
            type="date"
            max={toCalendarDate(new Date())}
            {...form.getInputProps('dateOfBirth')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <NumberInput
            label="Weight (kg)"
            min={0.01}
            max={LIMITS.maxWeightKg}
            decimalScale={2}
            step={0.1}
            hideControls
            {...form.getInputProps('weightKg')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label="Microchip"
            description="9 to 15 letters or digits"
            maxLength={15}
            {...form.getInputProps('microchipId')}
          />
        </Grid.Col>
      </Grid>
      <AllergiesEditor form={form} path="allergies" />
    </Stack>
  );
}

const newRoute = getRouteApi('/app/owners/$ownerId/pets/new');

export function PatientCreatePage() {
  const { ownerId } = newRoute.useParams();
  const navigate = useNavigate();
  const owner = useQuery(trpc.owners.get.queryOptions({ id: ownerId }));
  const form = usePatientForm(toValues());
  const refusal = useSaveRefusal(form, FIELD_KEYS);
  const create = useNotifiedMutation(
    trpc.patients.create.mutationOptions({
      onSuccess: async (patient) => {
        await queryClient.invalidateQueries({ queryKey: trpc.owners.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.patients.list.pathKey() });
        await navigate({ to: '/patients/$patientId', params: { patientId: patient.id } });
      },
      onError: refusal.onError,
    }),
    {
      pending: 'Registering the pet…',
      success: (p) => `${p.name} registered`,
      error: 'The pet was not registered',
      quietError: true,
    },
  );
  if (owner.isError) return <RouteError error={owner.error} reset={() => owner.refetch()} />;
  const ownerName = owner.data ? `${owner.data.firstName} ${owner.data.lastName}` : '…';
  return (
    <Stack maw={900}>
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners">
            Owners
          </AnchorLink>,
          <AnchorLink key="p" to="/owners/$ownerId" params={{ ownerId }}>
            {ownerName}
          </AnchorLink>,
          <Text key="n" size="sm">
            New pet
          </Text>,
        ]}
        title="New pet"
        subtitle={`Owner: ${ownerName}`}
      />
      {owner.data && !owner.data.isActive && (
        <Alert color="yellow" title="Inactive owner">
          This owner is inactive; an administrator must reactivate them before a pet can be registered.
        </Alert>
      )}
      <Card withBorder>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            refusal.clear();
            create.mutate({ ...toPayload(values), ownerId });
          })}
        >
          <Stack>
            <NotSavedAlert message={refusal.general} />
            <PatientFields form={form} />
            <FormActions
              submitLabel="Register pet"
              pending={create.isPending}
              onCancel={() => navigate({ to: '/owners/$ownerId', params: { ownerId } })}
            />
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

const editRoute = getRouteApi('/app/patients/$patientId/edit');

export function PatientEditPage() {
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
  const navigate = useNavigate();
  const form = usePatientForm(toValues(patient));
  const edit = useStaleEdit({
    record: patient,
    form,
    fields: FIELDS,
    fieldKeys: FIELD_KEYS,
    toValues,
    // Called on submit only, after `update` below exists.
    send: (values, updatedAt) => update.mutate({ id: patient.id, updatedAt, ...toPayload(values) }),
  });
  const update = useNotifiedMutation(
    trpc.patients.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.patients.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.owners.pathKey() });
        await navigate({ to: '/patients/$patientId', params: { patientId: patient.id } });
      },
      onError: edit.onError,
    }),
    {
      pending: 'Saving the patient…',
      success: 'Patient saved',
      error: 'The patient was not saved',
      quietError: true,
    },
  );
  return (
    <Stack maw={900}>
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners/$ownerId" params={{ ownerId: patient.owner.id }}>
            {patient.owner.firstName} {patient.owner.lastName}
          </AnchorLink>,
          <AnchorLink key="p" to="/patients/$patientId" params={{ patientId: patient.id }}>
            {patient.name}
          </AnchorLink>,
          <Text key="n" size="sm">
            Edit
          </Text>,
        ]}
        title={`Edit ${patient.name}`}
      />
      <Card withBorder>
        <form noValidate onSubmit={form.onSubmit(edit.submit)}>
          <Stack>
            {edit.conflictAlert && <ConflictAlert {...edit.conflictAlert} />}
            <NotSavedAlert message={edit.general} />
            <PatientFields form={form} />
            <FormActions
              submitLabel="Save changes"
              pending={update.isPending}
              onCancel={() => navigate({ to: '/patients/$patientId', params: { patientId: patient.id } })}
            />
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
