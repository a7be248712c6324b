import { Card, Chip, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from '@vetflow/schema/values';
import { TableHead } from '../../components/TableHead';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { settingsQueries } from './settingsQueries';

/** Which weekdays each veterinarian works (a booking on another day needs an explicit override). */
export function WorkingDays() {
  const trpc = useTRPC();
  const vets = useQuery(trpc.schedule.veterinarians.queryOptions());
  const save = useSave(trpc.schedule.setWorkingDays.mutationOptions(), {
    pending: 'Saving…',
    success: 'Working days saved',
    error: 'The working days were not saved',
    refresh: settingsQueries(trpc),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Veterinarians’ working days
      </Title>
      <Table verticalSpacing="xs" aria-label="Working days">
        <TableHead columns={['Veterinarian', 'Works on']} />
        <Table.Tbody>
          {(vets.data ?? []).map((v) => (
            <Table.Tr key={v.veterinarianId}>
              <Table.Td fw={600}>{v.fullName}</Table.Td>
              <Table.Td>
                <Chip.Group
                  multiple
                  value={v.workingDays.map(String)}
                  onChange={(days) =>
                    save.run({
                      veterinarianId: v.veterinarianId,
                      workingDays: days.map(Number) as Weekday[],
                    })
                  }
                >
                  <Group gap={4} role="group" aria-label={`${v.fullName} works on`}>
                    {WEEKDAYS.map((d) => (
                      <Chip key={d} value={String(d)} size="xs" aria-label={WEEKDAY_NAMES[d - 1]}>
                        {WEEKDAY_NAMES[d - 1]!.slice(0, 3)}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Each change is saved at once.
      </Text>
    </Card>
  );
}
