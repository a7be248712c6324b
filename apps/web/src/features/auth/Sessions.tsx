import { Badge, Button, Card, Group, Skeleton, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { TableHead } from '../../components/TableHead';
import { describeUserAgent, formatDateTime, formatRelative } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { setSignedOut } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';

/** Where the user is signed in; revoking this device's session signs out here. */
export function Sessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const revoke = useSave(trpc.auth.revokeSession.mutationOptions(), {
    pending: 'Signing the session out…',
    success: 'Session revoked',
    error: 'Not revoked',
    onSaved: async (_d, v) => {
      const current = sessions.data?.find((s) => s.id === v.sessionId)?.current;
      if (current) {
        setSignedOut({ queryClient, trpc }, false);
        await navigate({ to: '/login' });
        return;
      }
      await queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
    },
  });
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
            <TableHead columns={['Device', 'IP address', 'Last seen', 'Signed in']} withActions />
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
                      loading={revoke.pendingInput?.sessionId === s.id}
                      onClick={() => revoke.run({ sessionId: s.id })}
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
