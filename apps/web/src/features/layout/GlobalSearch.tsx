import { Badge, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconPaw, IconSearch, IconUser } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { globalSearch, globalSearchStore } from './globalSearchStore';

/**
 * Marks the first result selected, as Spotlight does when the query changes; but results here arrive later
 * (debounced, fetched), so it is done again whenever they change, and Enter opens the first result.
 */
function selectFirstResult() {
  const list = document.getElementById(globalSearchStore.getState().listId);
  if (!list) return;
  for (const el of list.querySelectorAll('[data-selected]')) el.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  globalSearchStore.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

type Navigate = ReturnType<typeof useNavigate>;

/** Closes the search and opens a record. */
function openRecord(navigate: Navigate, record: { patientId: string } | { ownerId: string }) {
  globalSearch.close();
  void ('patientId' in record
    ? navigate({ to: '/patients/$patientId', params: { patientId: record.patientId } })
    : navigate({ to: '/owners/$ownerId', params: { ownerId: record.ownerId } }));
}

/**
 * Ctrl+K (⌘K): patients by name, microchip, or their owner's name, email or phone (any format); owners by name,
 * email, phone or a pet's name. Enter opens the first result (or the one chosen with the arrow keys).
 */
export function GlobalSearch() {
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const navigate = useNavigate();
  const enabled = debounced.length >= 2;
  const owners = useQuery({
    ...trpc.owners.list.queryOptions({ search: debounced, limit: 6, active: 'all' }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const patients = useQuery({
    ...trpc.patients.list.queryOptions({ search: debounced, limit: 8, active: 'all' }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const loading = enabled && (owners.isFetching || patients.isFetching);
  // Results answer the search as typed only once its request is back. Until then the last ones stay in view but
  // cannot be opened (a click or Enter would open a record of another search), and an Enter pressed meanwhile
  // opens the first result of the answer when it arrives.
  const answered = query.trim() === debounced && !owners.isPlaceholderData && !patients.isPlaceholderData;
  const enterWhileSearching = useRef(false);
  const patientItems = enabled ? (patients.data?.items ?? []) : [];
  const ownerItems = enabled ? (owners.data?.items ?? []) : [];
  const resultKey = [...patientItems, ...ownerItems].map((r) => r.id).join();
  const firstPatientId = patientItems[0]?.id;
  const firstOwnerId = ownerItems[0]?.id;
  useEffect(() => {
    if (!answered) return;
    if (resultKey) selectFirstResult();
    if (!enterWhileSearching.current) return;
    enterWhileSearching.current = false;
    if (firstPatientId) openRecord(navigate, { patientId: firstPatientId });
    else if (firstOwnerId) openRecord(navigate, { ownerId: firstOwnerId });
  }, [resultKey, answered, firstPatientId, firstOwnerId, navigate]);

  return (
    <Spotlight.Root
      store={globalSearchStore}
      query={query}
      // A new query, or closing the search, forgets an Enter that was waiting for an answer.
      onQueryChange={(next) => {
        enterWhileSearching.current = false;
        setQuery(next);
      }}
      onSpotlightClose={() => {
        enterWhileSearching.current = false;
      }}
      shortcut={['mod + K', '/']}
      scrollable
      maxHeight={480}
      // Names the dialog for assistive technology; the header itself is hidden (app.css).
      title="Quick search"
      className="vf-spotlight"
    >
      <Spotlight.Search
        placeholder="Search owners and patients…"
        aria-label="Search owners and patients"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && query.trim().length >= 2 && !answered)
            enterWhileSearching.current = true;
        }}
        leftSection={loading ? <Loader size={16} /> : <IconSearch size={18} aria-hidden />}
      />
      <Spotlight.ActionsList>
        {!enabled ? (
          <Spotlight.Empty>Type at least 2 letters of a name, email, phone or microchip.</Spotlight.Empty>
        ) : patientItems.length === 0 && ownerItems.length === 0 ? (
          <Spotlight.Empty>{loading ? 'Searching…' : 'Nothing found.'}</Spotlight.Empty>
        ) : null}
        {patientItems.length > 0 && (
          <Spotlight.ActionsGroup label="Patients">
            {patientItems.map((p) => (
              <Spotlight.Action
                key={p.id}
                disabled={!answered}
                onClick={() => openRecord(navigate, { patientId: p.id })}
                leftSection={<IconPaw size={18} aria-hidden />}
              >
                <Group gap={8} wrap="nowrap" style={{ flex: 1 }}>
                  <div style={{ flex: 1 }}>
                    <Text size="sm" fw={600}>
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.species}
                      {p.breed ? ` · ${p.breed}` : ''} · owner {p.ownerName}
                    </Text>
                  </div>
                  {p.deceasedAt && <Badge color="dark">Deceased</Badge>}
                  {!p.isActive && <Badge color="gray">Inactive</Badge>}
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {ownerItems.length > 0 && (
          <Spotlight.ActionsGroup label="Owners">
            {ownerItems.map((o) => (
              <Spotlight.Action
                key={o.id}
                disabled={!answered}
                onClick={() => openRecord(navigate, { ownerId: o.id })}
                leftSection={<IconUser size={18} aria-hidden />}
              >
                <Group gap={8} wrap="nowrap" style={{ flex: 1 }}>
                  <div style={{ flex: 1 }}>
                    <Text size="sm" fw={600}>
                      {o.firstName} {o.lastName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {o.phone}
                      {o.email ? ` · ${o.email}` : ''} ·{' '}
                      {o.patients.length > 0 ? o.patients.map((p) => p.name).join(', ') : 'no pets'}
                    </Text>
                  </div>
                  {!o.isActive && <Badge color="gray">Inactive</Badge>}
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
