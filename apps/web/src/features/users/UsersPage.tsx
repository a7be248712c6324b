import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  NativeSelect,
  PasswordInput,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
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
import { userCreateInput } from '@vetflow/schema/validators';
import { LIMITS, USER_ROLES, type UserRole } from '@vetflow/schema/values';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { FormActions } from '../../components/FormActions';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { formatRelative, roleLabel } from '../../lib/format';
import { applyServerErrors, zodValidate } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { useCurrentUser } from '../../lib/session';
import { queryClient, type RouterOutputs, trpc } from '../../lib/trpc';

type User = RouterOutputs['users']['list'][number];
const invalidateUsers = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
  ]);
const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

export function UsersPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const setActive = useNotifiedMutation(
    trpc.users.setActive.mutationOptions({ onSuccess: invalidateUsers }),
    {
      pending: 'Saving…',
      success: (u) => (u.isActive ? `${u.fullName} reactivated` : `${u.fullName} deactivated and signed out`),
      error: 'The account was not changed',
    },
  );
  const revoke = useNotifiedMutation(
    trpc.users.revokeSessions.mutationOptions({ onSuccess: invalidateUsers }),
    {
      pending: 'Signing out…',
      success: (r) => `${r.revoked} session${r.revoked === 1 ? '' : 's'} revoked`,
      error: 'Sessions were not revoked',
    },
  );

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
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Username</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>
                  <span className="vf-visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
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
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{roleLabel(u.role)}</Table.Td>
                    <Table.Td>
                      {u.isActive ? (
                        <Badge color="green">Active</Badge>
                      ) : (
                        <Badge color="gray">Inactive</Badge>
                      )}
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
                              modals.openConfirmModal({
                                title: `Sign ${u.fullName} out everywhere?`,
                                children: (
                                  <Text size="sm">
                                    Every session of this account ends now{self ? ', including yours' : ''}.
                                  </Text>
                                ),
                                labels: { confirm: 'Revoke sessions', cancel: 'Cancel' },
                                confirmProps: { color: 'red' },
                                onConfirm: () => revoke.mutate({ id: u.id }),
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
                                  modals.openConfirmModal({
                                    title: `Deactivate ${u.fullName}?`,
                                    children: (
                                      <Text size="sm">
                                        They are signed out at once and cannot sign in until reactivated.
                                      </Text>
                                    ),
                                    labels: { confirm: 'Deactivate', cancel: 'Cancel' },
                                    confirmProps: { color: 'red' },
                                    onConfirm: () => setActive.mutate({ id: u.id, isActive: false }),
                                  })
                                }
                              >
                                Deactivate
                              </Menu.Item>
                            ) : (
                              <Menu.Item
                                leftSection={<IconUserCheck size={16} />}
                                onClick={() => setActive.mutate({ id: u.id, isActive: true })}
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

interface CreateValues {
  username: string;
  fullName: string;
  email: string;
  role: UserRole;
  password: string;
}

const validateCreate = zodValidate<CreateValues>(userCreateInput, (v) => v);

function CreateUser({ onDone }: { onDone: () => void }) {
  const checker = usePasswordChecker();
  const form = useForm<CreateValues>({
    mode: 'controlled',
    initialValues: { username: '', fullName: '', email: '', role: 'assistant', password: '' },
    validate: (values) => {
      const errors = validateCreate(values);
      // The server's password rule once loaded, judged against the new account's own words.
      const problem = checker?.(values.password, values).problem;
      return problem ? { ...errors, password: problem } : errors;
    },
    validateInputOnBlur: true,
  });
  const [general, setGeneral] = useState<string | null>(null);
  const create = useNotifiedMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await invalidateUsers();
        onDone();
      },
      onError: (e) =>
        setGeneral(applyServerErrors(form, e, ['username', 'fullName', 'email', 'role', 'password']).general),
    }),
    {
      pending: 'Creating the account…',
      success: (u) => `Account ${u.username} created`,
      error: 'Not created',
      quietError: true,
    },
  );
  return (
    <form noValidate onSubmit={form.onSubmit((v) => create.mutate(v))}>
      <Stack>
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <TextInput
          label="Full name"
          required
          maxLength={LIMITS.name}
          data-autofocus
          {...form.getInputProps('fullName')}
        />
        <TextInput
          label="Username"
          required
          maxLength={LIMITS.username}
          autoComplete="off"
          {...form.getInputProps('username')}
        />
        <TextInput
          label="Email"
          type="email"
          required
          maxLength={LIMITS.email}
          {...form.getInputProps('email')}
        />
        <NativeSelect label="Role" data={ROLE_OPTIONS} {...form.getInputProps('role')} />
        <PasswordInput
          label="Initial password"
          description={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, hard to guess`}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the typed characters' }}
          {...form.getInputProps('password')}
        />
        <PasswordStrength password={form.values.password} account={form.values} checker={checker} />
        <FormActions submitLabel="Create account" pending={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function EditUser({ user, self, onDone }: { user: User; self: boolean; onDone: () => void }) {
  const [seen, setSeen] = useState(user.updatedAt);
  const form = useForm({
    mode: 'controlled',
    initialValues: { fullName: user.fullName, email: user.email, role: user.role },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const update = useNotifiedMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        await invalidateUsers();
        onDone();
      },
      onError: (e) => {
        const r = applyServerErrors<User>(form, e, ['fullName', 'email', 'role']);
        if (r.stale) {
          setSeen(r.stale.current.updatedAt);
          setGeneral(
            `${r.stale.changedBy ?? 'Someone'} changed this account meanwhile (now: ${r.stale.current.fullName}, ${r.stale.current.email}, ${roleLabel(r.stale.current.role)}). Save again to apply your version.`,
          );
        } else setGeneral(r.general);
      },
    }),
    { pending: 'Saving…', success: 'Account saved', error: 'Not saved', quietError: true },
  );
  return (
    <form noValidate onSubmit={form.onSubmit((v) => update.mutate({ id: user.id, updatedAt: seen, ...v }))}>
      <Stack>
        {general && (
          <Alert color="orange" role="alert">
            {general}
          </Alert>
        )}
        <TextInput label="Full name" required maxLength={LIMITS.name} {...form.getInputProps('fullName')} />
        <TextInput
          label="Email"
          type="email"
          required
          maxLength={LIMITS.email}
          {...form.getInputProps('email')}
        />
        <NativeSelect
          label="Role"
          data={ROLE_OPTIONS}
          disabled={self}
          description={
            self ? 'You cannot change your own role' : 'Changing the role signs the user out everywhere'
          }
          {...form.getInputProps('role')}
        />
        <FormActions submitLabel="Save" pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ResetPassword({ user, onDone }: { user: User; onDone: () => void }) {
  const checker = usePasswordChecker();
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '' },
    validate: {
      // The server's rule once loaded, judged against the account's own words; length alone until then.
      newPassword: (v) =>
        checker
          ? checker(v, user).problem
          : v.length < LIMITS.passwordMin
            ? `At least ${LIMITS.passwordMin} characters`
            : null,
    },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const reset = useNotifiedMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: async () => {
        await invalidateUsers();
        onDone();
      },
      onError: (e) => setGeneral(applyServerErrors(form, e, ['newPassword']).general),
    }),
    {
      pending: 'Resetting…',
      success: `Password of ${user.fullName} reset; their sessions were ended`,
      error: 'Not reset',
      quietError: true,
    },
  );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => reset.mutate({ id: user.id, newPassword: v.newPassword }))}
    >
      <Stack>
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <Text size="sm">
          Give the new password to {user.fullName} in person; they can change it under My account.
        </Text>
        <PasswordInput
          label="New password"
          required
          autoComplete="new-password"
          data-autofocus
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the typed characters' }}
          {...form.getInputProps('newPassword')}
        />
        <PasswordStrength password={form.values.newPassword} account={user} checker={checker} />
        <FormActions submitLabel="Reset password" color="red" pending={reset.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
