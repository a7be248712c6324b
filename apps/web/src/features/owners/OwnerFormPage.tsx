import { Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ownerCrumb, ownersCrumb } from '../../components/crumbs';
import { FormPage } from '../../components/FormPage';
import { RouteError } from '../../components/RouteStates';
import { SaveForm } from '../../components/SaveForm';
import { personName } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { OwnerFields } from './OwnerFields';
import { FIELDS, type Owner, toValues, useOwnerForm } from './ownerForm';

export function OwnerCreatePage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const form = useOwnerForm(toValues());
  const save = useSave(trpc.owners.create.mutationOptions(), {
    form,
    draft: { form: 'newOwner', recordId: 'new' },
    toInput: (values) => values,
    pending: 'Registering the owner…',
    success: (o) => `${personName(o)} registered`,
    error: 'The owner was not registered',
    refresh: [trpc.owners.list.pathFilter()],
    onSaved: (owner) => navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } }),
  });
  return (
    <FormPage width={820} crumbs={[ownersCrumb()]} here="New owner" title="New owner">
      <SaveForm
        form={form}
        save={save}
        submitLabel="Register owner"
        onCancel={() => navigate({ to: '/owners' })}
      >
        <OwnerFields form={form} />
      </SaveForm>
    </FormPage>
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
  const navigate = useNavigate();
  const form = useOwnerForm(toValues(owner));
  const save = useSave(trpc.owners.update.mutationOptions(), {
    form,
    draft: { form: 'owner', recordId: owner.id },
    version: { record: owner, toValues, fields: FIELDS },
    toInput: (values, seen) => ({ id: seen.id, updatedAt: seen.updatedAt, ...values }),
    pending: 'Saving the owner…',
    success: 'Owner saved',
    error: 'The owner was not saved',
    refresh: [trpc.owners.pathFilter()],
    onSaved: () => navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } }),
  });
  const name = personName(owner);
  return (
    <FormPage
      width={820}
      crumbs={[ownersCrumb(), ownerCrumb(owner.id, name)]}
      here="Edit"
      title={`Edit ${name}`}
    >
      <SaveForm
        form={form}
        save={save}
        submitLabel="Save changes"
        onCancel={() => navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } })}
      >
        <OwnerFields form={form} />
      </SaveForm>
    </FormPage>
  );
}
