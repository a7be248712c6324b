import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  PasswordInput,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { LIMITS } from '@vetflow/schema/values';
import { useState } from 'react';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { describeUserAgent, formatDateTime, formatRelative, roleLabel } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { setSignedOut, useCurrentUser } from '../../lib/session';
import { queryClient, trpc } from '../../lib/trpc';

export function AccountPage() {
  const user = useCurrentUser();
  return (
    <Stack>
      <Title order={1}>My account</Title>
      <Text>
        {user.fullName} · {user.username} · {user.email} · {roleLabel(user.role)}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Sessions />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChangePassword />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Sessions() {
  const navigate = useNavigate();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const revoke = useNotifiedMutation(
    trpc.auth.revokeSession.mutationOptions({
      onSuccess: async (_d, v) => {
        const current = sessions.data?.find((s) => s.id === v.sessionId)?.current;
        if (current) {
          setSignedOut(false);
          await navigate({ to: '/login' });
          return;
        }
        await queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
      },
    }),
    { pending: 'Signing the session out…', success: 'Session revoked', error: 'Not revoked' },
  );
  const now = new Date();
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Where you are signed in
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Revoke a session you do not recognise; it is signed out at once.
      </Text>
      {sessions.isPending ? (
        <Skeleton height={120} />
      ) : sessions.isError ? (
        <Text c="red">{sessions.error.message}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="My sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>
                  <span className="vf-visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" title={s.userAgent ?? undefined}>
                        {describeUserAgent(s.userAgent)}
                      </Text>
                      {s.current && <Badge color="green">This device</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{s.ip ?? '—'}</Table.Td>
                  <Table.Td>{formatRelative(s.lastSeenAt, now)}</Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      loading={revoke.isPending && revoke.variables?.sessionId === s.id}
                      onClick={() => revoke.mutate({ sessionId: s.id })}
                      aria-label={
                        s.current
                          ? 'Sign out this device'
                          : `Revoke the session on ${describeUserAgent(s.userAgent)} from ${s.ip ?? 'unknown IP'}`
                      }
                    >
                      {s.current ? 'Sign out' : 'Revoke'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function ChangePassword() {
  const user = useCurrentUser();
  const checker = usePasswordChecker();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      // The server's own rule once loaded (length, then zxcvbn with my own words); length alone until then.
      newPassword: (v) =>
        checker
          ? checker(v, user).problem
          : v.length < LIMITS.passwordMin
            ? `At least ${LIMITS.passwordMin} characters`
            : v.length > LIMITS.passwordMax
              ? `At most ${LIMITS.passwordMax} characters`
              : null,
      confirm: (v, values) => (v === values.newPassword ? null : 'The two new passwords differ'),
    },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const change = useNotifiedMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        form.reset();
        await queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
      },
      onError: (e) => setGeneral(applyServerErrors(form, e, ['currentPassword', 'newPassword']).general),
    }),
    {
      pending: 'Changing your password…',
      success: 'Password changed; your other sessions were signed out',
      error: 'Password not changed',
      quietError: true,
    },
  );
  const toggle = { 'aria-label': 'Show or hide the typed characters' };
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Change password
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setGeneral(null);
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword });
        })}
      >
        <Stack>
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            visibilityToggleButtonProps={toggle}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, hard to guess; a phrase of several unusual words is easy to remember`}
            autoComplete="new-password"
            required
            visibilityToggleButtonProps={toggle}
            {...form.getInputProps('newPassword')}
          />
          <PasswordStrength password={form.values.newPassword} account={user} checker={checker} />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            visibilityToggleButtonProps={toggle}
            {...form.getInputProps('confirm')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
