import { Alert, Button, Center, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { toProblem } from '../lib/errors';
import { ButtonLink } from './links';

export function RoutePending() {
  return (
    <Stack p="md" gap="sm" aria-busy="true" aria-label="Loading">
      <Skeleton height={32} width="40%" />
      <Skeleton height={18} width="70%" />
      <Skeleton height={220} />
    </Stack>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const problem = toProblem(error);
  const title =
    problem.code === 'NOT_FOUND'
      ? 'Not found'
      : problem.code === 'FORBIDDEN'
        ? 'Not allowed'
        : 'This page could not be shown';
  return (
    <Center p="xl">
      <Alert color="red" icon={<IconAlertTriangle />} title={title} maw={560} w="100%">
        <Text mb="md">{problem.message}</Text>
        <Group>
          <Button variant="default" onClick={reset}>
            Try again
          </Button>
          <ButtonLink to="/today" variant="subtle">
            Go to Today
          </ButtonLink>
        </Group>
      </Alert>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center p="xl">
      <Stack align="center">
        <Title order={1}>Page not found</Title>
        <Text>The address does not match any page of VetFlow.</Text>
        <ButtonLink to="/today">Go to Today</ButtonLink>
      </Stack>
    </Center>
  );
}
