import { Alert, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIMITS } from '@vetflow/schema/values';
import { useState } from 'react';
import { FormActions } from '../../components/FormActions';
import { roleLabel } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateUsers } from './useInvalidateUsers';
import { ROLE_OPTIONS, type User } from './users';

/** Name, email and role of an account (an admin cannot change their own role); a concurrent change is named. */
export function EditUser({ user, self, onDone }: { user: User; self: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidateUsers = useInvalidateUsers();
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
