import { Card, Grid, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ownerFields } from '@vetflow/schema/validators';
import { LIMITS } from '@vetflow/schema/values';
import { ConflictAlert, type ConflictField } from '../../components/ConflictAlert';
import { FormActions } from '../../components/FormActions';
import { AnchorLink } from '../../components/links';
import { NotSavedAlert } from '../../components/NotSavedAlert';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { useNotifiedMutation } from '../../lib/notify';
import { queryClient, type RouterOutputs, trpc } from '../../lib/trpc';
import { useSaveRefusal } from '../../lib/useSaveRefusal';
import { useStaleEdit } from '../../lib/useStaleEdit';

type Owner = RouterOutputs['owners']['get'];

interface OwnerFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: string;
  notes: string;
}

const FIELDS: ConflictField[] = [
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'notes', label: 'Notes' },
];
const FIELD_KEYS = FIELDS.map((f) => f.key);

const toValues = (o?: Partial<Owner>): OwnerFormValues => ({
  firstName: o?.firstName ?? '',
  lastName: o?.lastName ?? '',
  email: o?.email ?? '',
  phone: o?.phone ?? '',
  address: o?.address ?? '',
  notes: o?.notes ?? '',
});

const validate = schemaResolver(ownerFields, { sync: true });

function useOwnerForm(initial: OwnerFormValues) {
  return useForm<OwnerFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate,
    validateInputOnBlur: true,
  });
}

function OwnerFields({ form }: { form: ReturnType<typeof useOwnerForm> }) {
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="First name"
          required
          maxLength={LIMITS.name}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('firstName')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Last name"
          required
          maxLength={LIMITS.name}
          autoComplete="off"
          {...form.getInputProps('lastName')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Phone"
          required
          type="tel"
          maxLength={LIMITS.phone}
          description="Digits, spaces and + ( ) . -"
          {...form.getInputProps('phone')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Email"
          type="email"
          maxLength={LIMITS.email}
          description="Optional"
          {...form.getInputProps('email')}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label="Address"
          autosize
          minRows={2}
          maxLength={LIMITS.address}
          {...form.getInputProps('address')}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxLength={LIMITS.notes}
          {...form.getInputProps('notes')}
        />
      </Grid.Col>
    </Grid>
  );
}

export function OwnerCreatePage() {
  const navigate = useNavigate();
  const form = useOwnerForm(toValues());
  const refusal = useSaveRefusal(form, FIELD_KEYS);
  const create = useNotifiedMutation(
    trpc.owners.create.mutationOptions({
      onSuccess: async (owner) => {
        await queryClient.invalidateQueries({ queryKey: trpc.owners.list.pathKey() });
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
        await queryClient.invalidateQueries({ queryKey: trpc.owners.pathKey() });
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
