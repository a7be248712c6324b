import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../components/links';
import { formatAge, formatCalendarDate, formatWeight, humanize, personName } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

type Patient = RouterOutputs['patients']['get'];

/** The patient at a glance: species, sex, age, weight, microchip, owner. */
export function PatientFacts({ patient: p }: { patient: Patient }) {
  const age = formatAge(p.dateOfBirth, new Date());
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        <Fact label="Species" value={`${p.species}${p.breed ? ` · ${p.breed}` : ''}`} />
        <Fact label="Sex" value={`${humanize(p.sex)}${p.neutered ? ', neutered' : ''}`} />
        <Fact
          label="Age"
          value={age ? `${age}` : '—'}
          hint={p.dateOfBirth ? `born ${formatCalendarDate(p.dateOfBirth)}` : undefined}
        />
        <Fact label="Current weight" value={formatWeight(p.weightKg)} />
        <Fact label="Microchip" value={p.microchipId ?? '—'} />
        <Fact
          label="Owner"
          value={
            <AnchorLink to="/owners/$ownerId" params={{ ownerId: p.owner.id }}>
              {personName(p.owner)}
            </AnchorLink>
          }
          hint={p.owner.phone}
        />
      </SimpleGrid>
    </Paper>
  );
}

function Fact({ label, value, hint }: { label: string; value: ReactNode; hint?: string | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}
