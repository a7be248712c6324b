import { Alert, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import { ButtonLink } from '../../components/links';

declare module '@tanstack/react-router' {
  interface HistoryState {
    /** Set by the new-pet form when it opens the chart of the pet it has just registered. */
    registeredPet?: boolean;
  }
}

/**
 * Right after a pet is registered, its chart offers to register another for the same owner (families come with
 * several): the form opens with that owner already chosen. Gone on the next navigation.
 */
export function RegisteredNotice({
  patient,
}: {
  patient: { name: string; owner: { id: string; firstName: string; lastName: string } };
}) {
  const registered = useRouterState({ select: (s) => s.location.state.registeredPet === true });
  if (!registered) return null;
  return (
    <Alert color="green" variant="light" aria-label="Pet registered">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {patient.name} is registered for {patient.owner.firstName} {patient.owner.lastName}.
        </Text>
        <ButtonLink
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          to="/owners/$ownerId/pets/new"
          params={{ ownerId: patient.owner.id }}
        >
          Add another pet
        </ButtonLink>
      </Group>
    </Alert>
  );
}
