import { Badge, Button, Group, Menu, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import {
  IconDots,
  IconHistory,
  IconKey,
  IconLogout,
  IconPencil,
  IconPlus,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ActiveBadge } from '../../components/ActiveBadge';
import { confirmAction } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { TableHead } from '../../components/TableHead';
import { formatRelative, roleLabel } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { CreateUser } from './CreateUser';
import { EditUser } from './EditUser';
import { ResetPassword } from './ResetPassword';
import { userQueries } from './userQueries';
import type { User } from './users';

/** Staff accounts (admins only): create, edit, reset password, revoke sessions, deactivate, see history. */
export function UsersPage() {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const setActive = useSave(trpc.users.setActive.mutationOptions(), {
    pending: 'Saving…',
    success: (u) => (u.isActive ? `${u.fullName} reactivated` : `${u.fullName} deactivated and signed out`),
    error: 'The account was not changed',
    refresh: userQueries(trpc),
  });
  const revoke = useSave(trpc.users.revokeSessions.mutationOptions(), {
    pending: 'Signing out…',
    success: (r) => `${r.revoked} session${r.revoked === 1 ? '' : 's'} revoked`,
    error: 'Sessions were not revoked',
    refresh: userQueries(trpc),
  });

  const now = new Date();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Staff accounts</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          New account
        </Button>
      </Group>
      {users.isPending ? (
        <Skeleton height={240} />
      ) : users.isError ? (
        <Text c="red">{users.error.message}</Text>
      ) : users.data.length === 0 ? (
        <EmptyState title="No accounts" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" aria-label="Staff accounts">
            <TableHead
              columns={['Name', 'Username', 'Email', 'Role', 'Status', 'Last sign-in']}
              withActions
            />
            <Table.Tbody>
              {users.data.map((u) => {
                const self = u.id === me.id;
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td fw={600}>
                      {u.fullName}{' '}
                      {self && (
                        <Badge color="gray" variant="outline">
                          You
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{u.username}</Table.Td>
                    {/* A long address wraps, so the row's actions stay in view at 1024 px. */}
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{u.email}</Table.Td>
                    <Table.Td>{roleLabel(u.role)}</Table.Td>
                    <Table.Td>
                      <ActiveBadge active={u.isActive} />
                    </Table.Td>
                    <Table.Td>{formatRelative(u.lastLoginAt, now)}</Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button
                            size="xs"
                            variant="default"
                            rightSection={<IconDots size={14} aria-hidden />}
                            aria-label={`Actions for ${u.fullName}`}
                          >
                            Actions
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(u)}>
                            Edit name, email, role
                          </Menu.Item>
                          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(u)}>
                            Reset password
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconLogout size={16} />}
                            onClick={() =>
                              confirmAction({
                                title: `Sign ${u.fullName} out everywhere?`,
                                message: `Every session of this account ends now${self ? ', including yours' : ''}.`,
                                confirmLabel: 'Revoke sessions',
                                onConfirm: () => revoke.run({ id: u.id }),
                              })
                            }
                          >
                            Revoke sessions
                          </Menu.Item>
                          {!self &&
                            (u.isActive ? (
                              <Menu.Item
                                color="red"
                                leftSection={<IconUserOff size={16} />}
                                onClick={() =>
                                  confirmAction({
                                    title: `Deactivate ${u.fullName}?`,
                                    message:
                                      'They are signed out at once and cannot sign in until reactivated.',
                                    confirmLabel: 'Deactivate',
                                    onConfirm: () => setActive.run({ id: u.id, isActive: false }),
                                  })
                                }
                              >
                                Deactivate
                              </Menu.Item>
                            ) : (
                              <Menu.Item
                                leftSection={<IconUserCheck size={16} />}
                                onClick={() => setActive.run({ id: u.id, isActive: true })}
                              >
                                Reactivate
                              </Menu.Item>
                            ))}
                          <Menu.Item
                            leftSection={<IconHistory size={16} />}
                            onClick={() =>
                              navigate({
                                to: '/admin/audit',
                                search: { table: 'system_users', record: u.id },
                              })
                            }
                          >
                            History
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="New staff account">
        {creating && <CreateUser onDone={() => setCreating(false)} />}
      </Modal>
      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        title={editing ? `Edit ${editing.fullName}` : ''}
        size="lg"
      >
        {editing && (
          <EditUser
            key={editing.id}
            user={editing}
            self={editing.id === me.id}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={!!resetting}
        onClose={() => setResetting(null)}
        title={resetting ? `Reset the password of ${resetting.fullName}` : ''}
      >
        {resetting && <ResetPassword key={resetting.id} user={resetting} onDone={() => setResetting(null)} />}
      </Modal>
    </Stack>
  );
}
