import { Card, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ConflictAlert } from '../../components/ConflictAlert';
import { FormActions } from '../../components/FormActions';
import { AnchorLink } from '../../components/links';
import { NotSavedAlert } from '../../components/NotSavedAlert';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { useNotifiedMutation } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useSaveRefusal } from '../../lib/useSaveRefusal';
import { useStaleEdit } from '../../lib/useStaleEdit';
import { OwnerFields } from './OwnerFields';
import { FIELD_KEYS, FIELDS, type Owner, toValues, useOwnerForm } from './ownerForm';

export function OwnerCreatePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useOwnerForm(toValues());
  const refusal = useSaveRefusal(form, FIELD_KEYS);
  const create = useNotifiedMutation(
    trpc.owners.create.mutationOptions({
      onSuccess: async (owner) => {
        await queryClient.invalidateQueries(trpc.owners.list.pathFilter());
        await navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } });
      },
      onError: refusal.onError,
    }),
    {
      pending: 'Registering the owner…',
      success: (o) => `${o.firstName} ${o.lastName} registered`,
      error: 'The owner was not registered',
      quietError: true,
    },
  );
  return (
    <Stack maw={820}>
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners">
            Owners
          </AnchorLink>,
          <Text key="n" size="sm">
            New owner
          </Text>,
        ]}
        title="New owner"
      />
      <Card withBorder>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            refusal.clear();
            create.mutate(values);
          })}
        >
          <Stack>
            <NotSavedAlert message={refusal.general} />
            <OwnerFields form={form} />
            <FormActions
              submitLabel="Register owner"
              pending={create.isPending}
              onCancel={() => navigate({ to: '/owners' })}
            />
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

const route = getRouteApi('/app/owners/$ownerId/edit');

export function OwnerEditPage() {
  const trpc = useTRPC();
  const { ownerId } = route.useParams();
  const owner = useQuery({
    ...trpc.owners.get.queryOptions({ id: ownerId }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  if (owner.isError) return <RouteError error={owner.error} reset={() => owner.refetch()} />;
  if (owner.isPending) return <Skeleton height={420} maw={820} />;
  return <OwnerEditForm owner={owner.data} />;
}

function OwnerEditForm({ owner }: { owner: Owner }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useOwnerForm(toValues(owner));
  const edit = useStaleEdit({
    record: owner,
    form,
    fields: FIELDS,
    toValues,
    // Called on submit only, after `update` below exists.
    send: (values, updatedAt) => update.mutate({ id: owner.id, updatedAt, ...values }),
  });
  const update = useNotifiedMutation(
    trpc.owners.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.owners.pathFilter());
        await navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } });
      },
      onError: edit.onError,
    }),
    {
      pending: 'Saving the owner…',
      success: 'Owner saved',
      error: 'The owner was not saved',
      quietError: true,
    },
  );
  const name = `${owner.firstName} ${owner.lastName}`;
  return (
    <Stack maw={820}>
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners">
            Owners
          </AnchorLink>,
          <AnchorLink key="p" to="/owners/$ownerId" params={{ ownerId: owner.id }}>
            {name}
          </AnchorLink>,
          <Text key="n" size="sm">
            Edit
          </Text>,
        ]}
        title={`Edit ${name}`}
      />
      <Card withBorder>
        <form noValidate onSubmit={form.onSubmit(edit.submit)}>
          <Stack>
            {edit.conflictAlert && <ConflictAlert {...edit.conflictAlert} />}
            <NotSavedAlert message={edit.general} />
            <OwnerFields form={form} />
            <FormActions
              submitLabel="Save changes"
              pending={update.isPending}
              onCancel={() => navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } })}
            />
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
