import { Alert, Button, Card, Grid, Group, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ownerFields } from '@vetflow/schema/validators';
import { LIMITS } from '@vetflow/schema/values';
import { useState } from 'react';
import { ConflictAlert, type ConflictField } from '../../components/ConflictAlert';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import type { StaleEdit } from '../../lib/errors';
import { applyServerErrors, mergeTheirs } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { queryClient, type RouterOutputs, trpc } from '../../lib/trpc';

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
  const [general, setGeneral] = useState<string | null>(null);
  const create = useNotifiedMutation(
    trpc.owners.create.mutationOptions({
      onSuccess: async (owner) => {
        await queryClient.invalidateQueries({ queryKey: trpc.owners.list.pathKey() });
        await navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } });
      },
      onError: (e) => setGeneral(applyServerErrors(form, e, FIELD_KEYS).general),
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
            setGeneral(null);
            create.mutate(values);
          })}
        >
          <Stack>
            {general && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert" title="Not saved">
                {general}
              </Alert>
            )}
            <OwnerFields form={form} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate({ to: '/owners' })}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Register owner
              </Button>
            </Group>
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
  // The version the user is editing: its updatedAt goes with the save (stale-edit protection).
  const [seen, setSeen] = useState(owner);
  const form = useOwnerForm(toValues(owner));
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<StaleEdit<Record<string, unknown>> | null>(null);
  const update = useNotifiedMutation(
    trpc.owners.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.owners.pathKey() });
        await navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } });
      },
      onError: (e) => {
        const refusal = applyServerErrors(form, e, FIELD_KEYS);
        setGeneral(refusal.general);
        setConflict(refusal.stale);
      },
    }),
    {
      pending: 'Saving the owner…',
      success: 'Owner saved',
      error: 'The owner was not saved',
      quietError: true,
    },
  );
  const save = (values: OwnerFormValues, updatedAt: Date) => {
    setGeneral(null);
    setConflict(null);
    update.mutate({ id: owner.id, updatedAt, ...values });
  };
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
        <form noValidate onSubmit={form.onSubmit((values) => save(values, seen.updatedAt))}>
          <Stack>
            {conflict && (
              <ConflictAlert
                conflict={conflict}
                fields={FIELDS}
                seen={toValues(seen) as unknown as Record<string, unknown>}
                mine={form.getValues() as unknown as Record<string, unknown>}
                onOverwrite={() => {
                  const current = conflict.current as unknown as Owner;
                  setSeen({ ...seen, ...current });
                  save(form.getValues(), current.updatedAt);
                }}
                onReload={() => {
                  const current = { ...seen, ...(conflict.current as unknown as Owner) };
                  form.setValues(mergeTheirs(toValues(seen), toValues(current), form.getValues()));
                  setSeen(current);
                  setConflict(null);
                }}
              />
            )}
            {general && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert" title="Not saved">
                {general}
              </Alert>
            )}
            <OwnerFields form={form} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => navigate({ to: '/owners/$ownerId', params: { ownerId: owner.id } })}
              >
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save changes
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
