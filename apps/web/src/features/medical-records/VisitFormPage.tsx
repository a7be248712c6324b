import { Alert, Card, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { useTRPC } from '../../lib/trpc';
import { VisitForm, type VisitFormValues, visitPayload } from './VisitForm';

const route = getRouteApi('/app/patients/$patientId/visits/new');

/** A new visit record, by the veterinarian who signs it; allergies found at the visit are added to the patient. */
export function VisitFormPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { patientId } = route.useParams();
  const { appointmentId } = route.useSearch();
  const navigate = useNavigate();
  const patient = useQuery(trpc.patients.get.queryOptions({ id: patientId }));
  const createRecord = useMutation(trpc.medicalRecords.create.mutationOptions());

  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (patient.isPending) return <Skeleton height={520} />;
  const p = patient.data;
  const pending = createRecord.isPending;

  const submit = async (values: VisitFormValues) => {
    const id = notifications.show({
      loading: true,
      title: 'Saving the visit record…',
      message: 'Please wait…',
      autoClose: false,
      withCloseButton: false,
    });
    try {
      // One transaction: the record, and the allergies and weight it tells about the patient.
      await createRecord.mutateAsync({
        patientId,
        appointmentId: appointmentId ?? null,
        ...visitPayload(values),
        newAllergies: values.newAllergies.map((a) => ({
          allergen: a.allergen.trim(),
          severity: a.severity,
          reaction: a.reaction.trim() || null,
        })),
      });
    } catch (e) {
      notifications.update({
        id,
        loading: false,
        color: 'red',
        title: 'The visit record was not saved',
        message: 'See the form for details.',
        autoClose: 6000,
      });
      throw e;
    }
    const added = values.newAllergies.length;
    const allergyNote = added > 0 ? ` and ${added} allerg${added === 1 ? 'y' : 'ies'} added` : '';
    notifications.update({
      id,
      loading: false,
      color: 'green',
      title: `Visit recorded${allergyNote}`,
      message: '',
      autoClose: 3000,
      withCloseButton: true,
    });
    await queryClient.invalidateQueries(trpc.medicalRecords.pathFilter());
    await queryClient.invalidateQueries(trpc.patients.pathFilter());
    await navigate({ to: '/patients/$patientId', params: { patientId } });
  };

  return (
    <Stack maw={980}>
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners/$ownerId" params={{ ownerId: p.owner.id }}>
            {p.owner.firstName} {p.owner.lastName}
          </AnchorLink>,
          <AnchorLink key="p" to="/patients/$patientId" params={{ patientId }}>
            {p.name}
          </AnchorLink>,
          <Text key="n" size="sm">
            New visit record
          </Text>,
        ]}
        title={`New visit: ${p.name}`}
        subtitle={`${p.species}${p.breed ? ` · ${p.breed}` : ''}`}
      />
      {p.deceasedAt && <Alert color="gray">This patient is recorded as deceased.</Alert>}
      <Card withBorder>
        <VisitForm
          allergies={p.allergies}
          submitLabel="Save visit record"
          withNewAllergies
          pending={pending}
          onSubmit={submit}
          onCancel={() => navigate({ to: '/patients/$patientId', params: { patientId } })}
        />
      </Card>
    </Stack>
  );
}
