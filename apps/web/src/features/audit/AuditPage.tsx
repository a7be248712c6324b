import '@mantine/dates/styles.css';
import {
  Button,
  Card,
  CloseButton,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ACTION_LABELS, recordKind, recordName } from '@vetflow/schema/audit-display';
import { AUDIT_ACTIONS, AUDITED_TABLES, type AuditAction, type AuditedTable } from '@vetflow/schema/values';
import { type ChangeEvent, useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { LiveIndicator } from '../../components/LiveIndicator';
import { LoadMore } from '../../components/LoadMore';
import { addDays, formatDateTime, parseCalendarDate } from '../../lib/format';
import { usePollWhileNotLive } from '../../lib/live';
import { useTRPC } from '../../lib/trpc';
import { AuditEntry } from './AuditEntry';
import { AuditIntegrity } from './AuditIntegrity';
import { ExportCsvButton } from './ExportCsvButton';

const route = getRouteApi('/app/admin/audit');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A filter's width: the row wraps at 1024 px instead of squeezing (or clipping) its inputs. */
const FILTER_W = 150;
/** How often the timeline is refetched while live updates are not up. */
const AUDIT_REFRESH_MS = 30_000;

/**
 * The audit timeline (admins only), filtered by user, kind of record, a record's name, action and dates, loaded
 * a page at a time; the same filters export as CSV.
 */
export function AuditPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/audit' });
  const users = useQuery(trpc.users.list.queryOptions());
  const [nameText, setNameText] = useState(search.q ?? '');
  const [nameDebounced] = useDebouncedValue(nameText.trim(), 300);
  useEffect(() => setNameText(search.q ?? ''), [search.q]);
  const setFilter = (patch: Partial<typeof search>) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  /** A select's value and change, kept in the address; emptied, the filter goes. */
  const filterSelect = (key: 'user' | 'table' | 'action') => ({
    value: search[key] ?? '',
    onChange: (e: ChangeEvent<HTMLSelectElement>) => setFilter({ [key]: e.currentTarget.value || undefined }),
  });
  /** A date filter (a calendar date in the address, `YYYY-MM-DD`). */
  const filterDate = (key: 'from' | 'to') => ({
    value: parseCalendarDate(search[key]) ? search[key]! : null,
    onChange: (v: string | null) => setFilter({ [key]: v ? String(v).slice(0, 10) : undefined }),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when the typed name settles
  useEffect(() => {
    const value = nameDebounced || undefined;
    if (value !== search.q) setFilter({ q: value });
  }, [nameDebounced]);

  const from = parseCalendarDate(search.from);
  const toDay = parseCalendarDate(search.to);
  const filter = {
    userId: search.user && UUID.test(search.user) ? search.user : undefined,
    tableName: (AUDITED_TABLES as readonly string[]).includes(search.table ?? '')
      ? (search.table as AuditedTable)
      : undefined,
    recordId: search.record && UUID.test(search.record) ? search.record : undefined,
    search: search.q?.slice(0, 100) || undefined,
    action: (AUDIT_ACTIONS as readonly string[]).includes(search.action ?? '')
      ? (search.action as AuditAction)
      : undefined,
    from: from ?? undefined,
    to: toDay ? addDays(toDay, 1) : undefined,
  };
  const badRange = !!(filter.from && filter.to && filter.to <= filter.from);
  const entries = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { ...filter, limit: 30 },
      { getNextPageParam: (last) => last.nextCursor },
    ),
    placeholderData: keepPreviousData,
    enabled: !badRange,
    // New entries appear without a reload: every audit row sends admins a live event that invalidates this
    // (lib/live.ts; migration 0018). Only while live updates are not up is it polled (every loaded page).
    refetchInterval: usePollWhileNotLive(AUDIT_REFRESH_MS),
    refetchIntervalInBackground: false,
  });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(search).some(Boolean);
  const shownRecord = filter.recordId ? items.find((e) => e.recordId === filter.recordId) : undefined;

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={1}>Audit timeline</Title>
          <LiveIndicator />
        </Group>
        <ExportCsvButton filter={filter} disabled={badRange} />
      </Group>
      <AuditIntegrity />
      <Card withBorder component="section" aria-label="Filters">
        <Group align="flex-start" gap="sm">
          <NativeSelect
            w={FILTER_W}
            label="Who"
            {...filterSelect('user')}
            data={[
              { value: '', label: 'Anyone' },
              ...(users.data ?? []).map((u) => ({ value: u.id, label: u.fullName })),
            ]}
          />
          <NativeSelect
            w={FILTER_W}
            label="Record"
            {...filterSelect('table')}
            data={[
              { value: '', label: 'All records' },
              ...AUDITED_TABLES.map((t) => ({ value: t, label: recordKind(t) })),
            ]}
          />
          <TextInput
            w={FILTER_W + 30}
            label="Name"
            placeholder="Pet, owner or staff"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={nameText}
            maxLength={100}
            onChange={(e) => setNameText(e.currentTarget.value)}
          />
          <NativeSelect
            w={FILTER_W}
            label="Action"
            {...filterSelect('action')}
            data={[
              { value: '', label: 'All actions' },
              ...AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] })),
            ]}
          />
          <DatePickerInput
            w={FILTER_W - 15}
            label="From"
            placeholder="Any day"
            valueFormat="D MMM YYYY"
            clearable
            firstDayOfWeek={1}
            {...filterDate('from')}
          />
          <DatePickerInput
            w={FILTER_W - 15}
            label="To"
            placeholder="Any day"
            valueFormat="D MMM YYYY"
            clearable
            firstDayOfWeek={1}
            {...filterDate('to')}
            error={badRange ? 'Before “From”' : undefined}
          />
          <Button
            mt={25}
            variant="subtle"
            leftSection={<IconFilterOff size={16} aria-hidden />}
            disabled={!filtered}
            onClick={() => navigate({ search: {}, replace: true })}
          >
            Clear
          </Button>
        </Group>
        {filter.recordId && (
          <Group gap={4} mt="sm">
            <Text size="sm">
              History of one record
              {shownRecord ? (
                <>
                  {': '}
                  <Text span fw={600}>
                    {shownRecord.tableName ? `${recordKind(shownRecord.tableName)} ` : ''}
                    {recordName(shownRecord, formatDateTime) ?? ''}
                  </Text>
                </>
              ) : null}
            </Text>
            <CloseButton
              size="sm"
              aria-label="Show every record"
              onClick={() => setFilter({ record: undefined, table: undefined })}
            />
          </Group>
        )}
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
                setFilter({ table, record, user: undefined, action: undefined, q: undefined })
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
