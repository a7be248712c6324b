import { Badge, Button, Card, Grid, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { InactiveBadge } from '../../components/ActiveBadge';
import { AllergyMarker } from '../../components/AllergyMarker';
import { confirmAction } from '../../components/confirm';
import { ownersCrumb } from '../../components/crumbs';
import { EmptyState } from '../../components/EmptyState';
import { HistoryLink } from '../../components/HistoryLink';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { TableHead } from '../../components/TableHead';
import { formatAge, formatDateTime, humanize, personName } from '../../lib/format';
import { can } from '../../lib/roles';
import { useSave } from '../../lib/save/useSave';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { BookButton } from '../appointments/BookButton';

const route = getRouteApi('/app/owners/$ownerId');

export function OwnerPage() {
  const trpc = useTRPC();
  const { ownerId } = route.useParams();
  const user = useCurrentUser();
  const owner = useQuery(trpc.owners.get.queryOptions({ id: ownerId }));
  const setActive = useSave(trpc.owners.setActive.mutationOptions(), {
    pending: 'Saving…',
    success: (d) => (d.isActive ? 'Owner reactivated' : 'Owner deactivated'),
    error: 'The owner was not changed',
    refresh: [trpc.owners.pathFilter()],
  });

  if (owner.isError) return <RouteError error={owner.error} reset={() => owner.refetch()} />;
  if (owner.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading owner">
        <Skeleton height={36} width="40%" />
        <Skeleton height={160} />
        <Skeleton height={200} />
      </Stack>
    );
  }
  const o = owner.data;
  const now = new Date();
  const name = personName(o);

  return (
    <Stack>
      <PageHeader
        crumbs={[ownersCrumb()]}
        here={name}
        title={name}
        badges={!o.isActive ? <InactiveBadge /> : null}
        actions={
          <>
            <ButtonLink
              to="/owners/$ownerId/edit"
              params={{ ownerId }}
              variant="default"
              leftSection={<IconEdit size={16} aria-hidden />}
            >
              Edit owner
            </ButtonLink>
            <BookButton pets={o.patients.filter((p) => p.isActive && !p.deceasedAt)} />
            <HistoryLink table="owners" record={ownerId} />
            {can(user.role, 'owners.setActive') && (
              <Button
                variant={o.isActive ? 'outline' : 'filled'}
                color={o.isActive ? 'red' : 'green'}
                loading={setActive.isPending}
                onClick={() =>
                  o.isActive
                    ? confirmAction({
                        title: `Deactivate ${name}?`,
                        message:
                          'The owner is hidden from searches and lists of active owners, and no new pet can be registered to them. Their records stay; you can reactivate them at any time.',
                        confirmLabel: 'Deactivate',
                        cancelLabel: 'Keep active',
                        onConfirm: () => setActive.run({ id: ownerId, isActive: false }),
                      })
                    : setActive.run({ id: ownerId, isActive: true })
                }
              >
                {o.isActive ? 'Deactivate' : 'Reactivate'}
              </Button>
            )}
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Contact
            </Title>
            <Stack gap={6}>
              <Field label="Phone" value={o.phone} />
              <Field label="Email" value={o.email} />
              <Field label="Address" value={o.address} />
              <Field label="Notes" value={o.notes} />
              <Field label="Registered" value={formatDateTime(o.createdAt)} />
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Pets
              </Title>
              {o.isActive && (
                <ButtonLink
                  to="/owners/$ownerId/pets/new"
                  params={{ ownerId }}
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                >
                  New pet
                </ButtonLink>
              )}
            </Group>
            {o.patients.length === 0 ? (
              <EmptyState title="No pets registered">Add the first one with “New pet”.</EmptyState>
            ) : (
              <Table verticalSpacing="xs" aria-label={`Pets of ${name}`}>
                <TableHead columns={['Name', 'Species', 'Sex', 'Age', 'Alerts']} />
                <Table.Tbody>
                  {o.patients.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <AnchorLink to="/patients/$patientId" params={{ patientId: p.id }} fw={600}>
                          {p.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        {p.species}
                        {p.breed ? ` · ${p.breed}` : ''}
                      </Table.Td>
                      <Table.Td>{humanize(p.sex)}</Table.Td>
                      <Table.Td>{formatAge(p.dateOfBirth, now) ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {p.deceasedAt && <Badge color="dark">Deceased</Badge>}
                          {!p.isActive && <InactiveBadge />}
                          <AllergyMarker allergies={p.allergies} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value || '—'}
      </Text>
    </div>
  );
}
