import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';

/** Finds a patient by name, microchip or owner's last name, as the user types. */
export function PatientPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const patients = useQuery({
    ...trpc.patients.list.queryOptions({ search: debounced || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const items = (patients.data?.items ?? []).filter((p) => !p.deceasedAt);
  // Only an answer to the search as typed can be chosen. While a newer search is on its way the last answer stays
  // in view (no flicker), its options disabled: the list is about to change under the pointer, and a click there
  // could pick a patient the user never searched for, or be lost as the option moves.
  const answersSearch = search.trim() === debounced && !patients.isPlaceholderData;
  return (
    <Select
      label="Patient"
      required
      searchable
      placeholder="Type a pet's name or the owner's last name"
      searchValue={search}
      onSearchChange={setSearch}
      value={value || null}
      onChange={onChange}
      filter={({ options }) => options}
      nothingFoundMessage={patients.isFetching ? 'Searching…' : 'No patient found'}
      data={items.map((p) => ({
        value: p.id,
        label: `${p.name} (${p.species}) — ${p.ownerName}`,
        disabled: !answersSearch,
      }))}
      error={error}
      data-autofocus
    />
  );
}
