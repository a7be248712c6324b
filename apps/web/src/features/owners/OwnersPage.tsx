import { Group, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Fragment, useEffect, useState } from 'react';
import { InactiveBadge } from '../../components/ActiveBadge';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/LoadMore';
import { AnchorLink, ButtonLink } from '../../components/links';
import { TableHead } from '../../components/TableHead';
import { useTRPC } from '../../lib/trpc';

const route = getRouteApi('/app/owners');

export function OwnersPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/owners' });
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const status = search.status ?? 'active';

  useEffect(() => {
    if ((search.q ?? '') !== debounced) {
      void navigate({ search: (s) => ({ ...s, q: debounced || undefined }), replace: true });
    }
  }, [debounced, search.q, navigate]);

  const input = { search: debounced || undefined, active: status, limit: 25 } as const;
  const owners = useInfiniteQuery({
    ...trpc.owners.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const rows = owners.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Owners &amp; patients</Title>
        <ButtonLink to="/owners/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New owner
        </ButtonLink>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Search owners"
          description="Name, email, phone (any format) or a pet's name; Ctrl+K searches everywhere"
          placeholder="e.g. Williams, 555 107 or Bella"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1, maxWidth: 480 }}
          maxLength={100}
          type="search"
        />
        <SegmentedControl
          aria-label="Which owners"
          value={status}
          onChange={(v) =>
            navigate({
              search: (s) => ({ ...s, status: v === 'active' ? undefined : (v as 'inactive' | 'all') }),
              replace: true,
            })
          }
          data={[
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Inactive' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      {owners.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading owners">
          {['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => (
            <Skeleton key={k} height={36} />
          ))}
        </Stack>
      ) : owners.isError ? (
        <Text c="red">The owners could not be loaded: {owners.error.message}</Text>
      ) : rows.length === 0 ? (
        <EmptyState title={debounced ? `No owner matches “${debounced}”` : 'No owners yet'}>
          {debounced
            ? 'Check the spelling, or search by phone or email.'
            : 'Register the first owner with “New owner”.'}
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="xs"
              aria-label="Owners"
              style={{ opacity: owners.isPlaceholderData ? 0.6 : 1 }}
            >
              <TableHead columns={['Name', 'Phone', 'Email', 'Pets']} />
              <Table.Tbody>
                {rows.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <AnchorLink to="/owners/$ownerId" params={{ ownerId: o.id }} fw={600}>
                        {o.lastName}, {o.firstName}
                      </AnchorLink>
                      {/* Only the exception is marked (no "Active" on every row): the list fits 1024 px. */}
                      {!o.isActive && (
                        <>
                          {' '}
                          <InactiveBadge size="sm" />
                        </>
                      )}
                    </Table.Td>
                    {/* A phone reads as one piece; an email may break before its @ (not mid-word). */}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.phone}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'break-word' }}>
                      {o.email ? <BreakableEmail email={o.email} /> : '—'}
                    </Table.Td>
                    <Table.Td>
                      {o.patients.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          No pets
                        </Text>
                      ) : (
                        <Text size="sm" component="span">
                          {o.patients.map((p, index) => (
                            <Fragment key={p.id}>
                              {/* Commas, so two pets never read as one name ("Nala, Pumpkin"). */}
                              {index > 0 && ', '}
                              <AnchorLink
                                to="/patients/$patientId"
                                params={{ patientId: p.id }}
                                size="sm"
                                c={p.isActive && !p.deceasedAt ? undefined : 'dimmed'}
                                td={p.deceasedAt ? 'line-through' : undefined}
                                title={`${p.species}${p.deceasedAt ? ', deceased' : p.isActive ? '' : ', inactive'}`}
                              >
                                {p.name}
                              </AnchorLink>
                            </Fragment>
                          ))}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            hasNextPage={owners.hasNextPage}
            isFetchingNextPage={owners.isFetchingNextPage}
            fetchNextPage={owners.fetchNextPage}
            endText={`${rows.length} owner${rows.length === 1 ? '' : 's'}`}
          />
        </>
      )}
    </Stack>
  );
}

/** "name@example.com" with a line-break opportunity before the @ (a narrow column breaks there, not mid-word). */
function BreakableEmail({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}
