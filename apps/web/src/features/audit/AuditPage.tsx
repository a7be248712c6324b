import { Button, Card, Grid, NativeSelect, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AUDIT_ACTIONS, AUDITED_TABLES, type AuditAction, type AuditedTable } from '@vetflow/schema/values';
import { type ChangeEvent, useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/LoadMore';
import { addDays, parseCalendarDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { AuditEntry } from './AuditEntry';
import { AuditIntegrity } from './AuditIntegrity';
import { ACTION_LABELS, TABLE_LABELS } from './audit';

const route = getRouteApi('/app/admin/audit');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit timeline (admins only), filtered by user, table, record, action and dates, loaded a page at a time. */
export function AuditPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/audit' });
  const users = useQuery(trpc.users.list.queryOptions());
  const [recordText, setRecordText] = useState(search.record ?? '');
  const [recordDebounced] = useDebouncedValue(recordText.trim(), 300);
  useEffect(() => setRecordText(search.record ?? ''), [search.record]);
  const setFilter = (patch: Partial<typeof search>) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  /** A filter input's value and change, kept in the address; emptied, the filter goes. */
  const filterInput = (key: 'user' | 'table' | 'action' | 'from' | 'to') => ({
    value: search[key] ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setFilter({ [key]: e.currentTarget.value || undefined }),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when the typed id settles
  useEffect(() => {
    const value = recordDebounced || undefined;
    if (value !== search.record && (!value || UUID.test(value))) setFilter({ record: value });
  }, [recordDebounced]);

  const from = parseCalendarDate(search.from);
  const toDay = parseCalendarDate(search.to);
  const input = {
    userId: search.user && UUID.test(search.user) ? search.user : undefined,
    tableName: (AUDITED_TABLES as readonly string[]).includes(search.table ?? '')
      ? (search.table as AuditedTable)
      : undefined,
    recordId: search.record && UUID.test(search.record) ? search.record : undefined,
    action: (AUDIT_ACTIONS as readonly string[]).includes(search.action ?? '')
      ? (search.action as AuditAction)
      : undefined,
    from: from ?? undefined,
    to: toDay ? addDays(toDay, 1) : undefined,
    limit: 30,
  };
  const badRange = !!(input.from && input.to && input.to <= input.from);
  const entries = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
    enabled: !badRange,
  });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(search).some(Boolean);

  return (
    <Stack>
      <Title order={1}>Audit timeline</Title>
      <AuditIntegrity />
      <Card withBorder component="section" aria-label="Filters">
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="User"
              {...filterInput('user')}
              data={[
                { value: '', label: 'Anyone' },
                ...(users.data ?? []).map((u) => ({ value: u.id, label: u.fullName })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="Table"
              {...filterInput('table')}
              data={[
                { value: '', label: 'All tables' },
                ...AUDITED_TABLES.map((t) => ({ value: t, label: TABLE_LABELS[t] })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="Action"
              {...filterInput('action')}
              data={[
                { value: '', label: 'All actions' },
                ...AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput
              label="Record id"
              placeholder="UUID"
              value={recordText}
              onChange={(e) => setRecordText(e.currentTarget.value)}
              error={recordDebounced && !UUID.test(recordDebounced) ? 'Not a record id' : undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 1.5 }}>
            <TextInput label="From" type="date" {...filterInput('from')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 1.5 }}>
            <TextInput
              label="To"
              type="date"
              {...filterInput('to')}
              error={badRange ? 'Before “From”' : undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 1 }}>
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              disabled={!filtered}
              onClick={() => navigate({ search: {}, replace: true })}
            >
              Clear
            </Button>
          </Grid.Col>
        </Grid>
      </Card>
      {entries.isPending && !badRange ? (
        <Stack aria-busy="true" aria-label="Loading the audit timeline">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={110} />
          ))}
        </Stack>
      ) : entries.isError ? (
        <Text c="red">The timeline could not be loaded: {entries.error.message}</Text>
      ) : items.length === 0 ? (
        <EmptyState title="No entries">
          {filtered ? 'Nothing matches these filters.' : 'Nothing has been recorded yet.'}
        </EmptyState>
      ) : (
        <Stack gap="sm" style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
          {items.map((e) => (
            <AuditEntry
              key={e.id}
              entry={e}
              onShowRecord={(table, record) =>
                setFilter({ table, record, user: undefined, action: undefined })
              }
            />
          ))}
          <LoadMore
            hasNextPage={entries.hasNextPage}
            isFetchingNextPage={entries.isFetchingNextPage}
            fetchNextPage={entries.fetchNextPage}
            endText="The beginning of the timeline"
          />
        </Stack>
      )}
    </Stack>
  );
}
