import { Alert, Card, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { toProblem } from '../../lib/errors';
import { queryClient, trpc } from '../../lib/trpc';
import { VisitForm, type VisitFormValues, visitPayload } from './VisitForm';

const route = getRouteApi('/app/patients/$patientId/visits/new');

/** A new visit record, by the veterinarian who signs it; allergies found at the visit are added to the patient. */
export function VisitFormPage() {
  const { patientId } = route.useParams();
  const { appointmentId } = route.useSearch();
  const navigate = useNavigate();
  const patient = useQuery(trpc.patients.get.queryOptions({ id: patientId }));
  const createRecord = useMutation(trpc.medicalRecords.create.mutationOptions());
  const updatePatient = useMutation(trpc.patients.update.mutationOptions());

  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (patient.isPending) return <Skeleton height={520} />;
  const p = patient.data;
  const pending = createRecord.isPending || updatePatient.isPending;

  const submit = async (values: VisitFormValues) => {
    const id = notifications.show({
      loading: true,
      title: 'Saving the visit record…',
      message: 'Please wait…',
      autoClose: false,
      withCloseButton: false,
    });
    try {
      await createRecord.mutateAsync({
        patientId,
        appointmentId: appointmentId ?? null,
        ...visitPayload(values),
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
    let allergyNote = '';
    const weightKg = visitPayload(values).weightKg;
    if (values.newAllergies.length > 0 || weightKg !== null) {
      const current = await queryClient.fetchQuery({
        ...trpc.patients.get.queryOptions({ id: patientId }),
        staleTime: 0,
      });
      try {
        await updatePatient.mutateAsync({
          id: patientId,
          updatedAt: current.updatedAt,
          // Sent along: the API's update validator fills omitted sex/neutered with their defaults.
          sex: current.sex,
          neutered: current.neutered,
          // The weight measured at this visit becomes the patient's current weight.
          ...(weightKg !== null ? { weightKg } : {}),
          allergies: [
            ...current.allergies,
            ...values.newAllergies.map((a) => ({
              allergen: a.allergen.trim(),
              severity: a.severity,
              reaction: a.reaction.trim() || null,
            })),
          ],
        });
        if (values.newAllergies.length > 0) {
          allergyNote = ` and ${values.newAllergies.length} allerg${values.newAllergies.length === 1 ? 'y' : 'ies'} added`;
        }
      } catch (e) {
        notifications.show({
          color: 'red',
          title: 'The visit was saved, but the patient’s allergies and weight were not updated',
          message: toProblem(e).message,
          autoClose: false,
        });
      }
    }
    notifications.update({
      id,
      loading: false,
      color: 'green',
      title: `Visit recorded${allergyNote}`,
      message: '',
      autoClose: 3000,
      withCloseButton: true,
    });
    await queryClient.invalidateQueries({ queryKey: trpc.medicalRecords.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.patients.pathKey() });
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
