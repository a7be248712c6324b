import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AUDIT_ACTIONS, AUDITED_TABLES, type AuditAction, type AuditedTable } from '@vetflow/schema/values';
import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/LoadMore';
import { AnchorLink } from '../../components/links';
import { addDays, describeUserAgent, formatDateTime, parseCalendarDate } from '../../lib/format';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { ACTION_COLORS, ACTION_LABELS, auditDiff, recordLink, recordTitle, TABLE_LABELS } from './audit';

type Entry = RouterOutputs['audit']['list']['items'][number];
const route = getRouteApi('/app/admin/audit');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/audit' });
  const users = useQuery(trpc.users.list.queryOptions());
  const [recordText, setRecordText] = useState(search.record ?? '');
  const [recordDebounced] = useDebouncedValue(recordText.trim(), 300);
  useEffect(() => setRecordText(search.record ?? ''), [search.record]);
  const setFilter = (patch: Partial<typeof search>) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace: true });

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
      <Card withBorder component="section" aria-label="Filters">
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="User"
              value={search.user ?? ''}
              onChange={(e) => setFilter({ user: e.currentTarget.value || undefined })}
              data={[
                { value: '', label: 'Anyone' },
                ...(users.data ?? []).map((u) => ({ value: u.id, label: u.fullName })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="Table"
              value={search.table ?? ''}
              onChange={(e) => setFilter({ table: e.currentTarget.value || undefined })}
              data={[
                { value: '', label: 'All tables' },
                ...AUDITED_TABLES.map((t) => ({ value: t, label: TABLE_LABELS[t] })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label="Action"
              value={search.action ?? ''}
              onChange={(e) => setFilter({ action: e.currentTarget.value || undefined })}
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
            <TextInput
              label="From"
              type="date"
              value={search.from ?? ''}
              onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 1.5 }}>
            <TextInput
              label="To"
              type="date"
              value={search.to ?? ''}
              onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })}
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

function AuditEntry({
  entry: e,
  onShowRecord,
}: {
  entry: Entry;
  onShowRecord: (table: string, record: string) => void;
}) {
  const diff = auditDiff(e);
  const values = e.newValues ?? e.oldValues;
  const link = recordLink(e.tableName, e.recordId, values);
  const title = recordTitle(e.tableName, values);
  const isAuth = !['insert', 'update', 'delete'].includes(e.action);
  const who =
    e.userFullName ??
    (e.userId ? 'Unknown user' : isAuth ? 'Not signed in' : `Outside the app (database user ${e.dbUser})`);
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={`${ACTION_LABELS[e.action]} by ${who}, ${formatDateTime(e.occurredAt)}`}
      data-testid="audit-entry"
    >
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Badge color={ACTION_COLORS[e.action]}>{ACTION_LABELS[e.action]}</Badge>
          <Text fw={700}>{who}</Text>
          {e.tableName && (
            <Text size="sm">
              {isAuth ? 'account ' : `${TABLE_LABELS[e.tableName as AuditedTable] ?? e.tableName} `}
              {link && !isAuth ? (
                <AnchorLink {...(link as { to: '/admin/users' })} fw={600}>
                  {title ?? 'open'}
                </AnchorLink>
              ) : (
                <Text span fw={600}>
                  {title ?? ''}
                </Text>
              )}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {formatDateTime(e.occurredAt)}
        </Text>
      </Group>
      {e.tableName && e.recordId && (
        <Group gap={6} mt={2}>
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => onShowRecord(e.tableName!, e.recordId!)}
          >
            History of this record
          </Anchor>
          <Text size="xs" c="dimmed">
            · {e.ip ?? 'no IP'} · {describeUserAgent(e.userAgent)}
          </Text>
        </Group>
      )}
      {diff.length > 0 && (
        <Table withTableBorder withColumnBorders fz="sm" mt="xs" verticalSpacing={4} aria-label="Changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">Field</Table.Th>
              {e.action === 'update' || e.action === 'delete' ? <Table.Th>Before</Table.Th> : null}
              {e.action !== 'delete' ? (
                <Table.Th>{e.action === 'update' ? 'After' : 'Value'}</Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.map((d) => (
              <Table.Tr key={d.field}>
                <Table.Td fw={600}>{d.label}</Table.Td>
                {e.action === 'update' || e.action === 'delete' ? (
                  <Table.Td
                    c={e.action === 'update' ? 'red.9' : undefined}
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {e.action === 'update' ? <del>{d.before ?? '—'}</del> : (d.before ?? '—')}
                  </Table.Td>
                ) : null}
                {e.action !== 'delete' ? (
                  <Table.Td
                    c={e.action === 'update' ? 'teal.9' : undefined}
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {d.after ?? '—'}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
