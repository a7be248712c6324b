import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIMITS } from '@vetflow/schema/values';
import { PasswordField } from '../../components/PasswordField';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { SaveForm } from '../../components/SaveForm';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { userQueries } from './userQueries';
import type { User } from './users';

/** An admin sets a new password for an account; its sessions end. */
export function ResetPassword({ user, onDone }: { user: User; onDone: () => void }) {
  const trpc = useTRPC();
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
  const save = useSave(trpc.users.resetPassword.mutationOptions(), {
    form,
    toInput: (values) => ({ id: user.id, newPassword: values.newPassword }),
    pending: 'Resetting…',
    success: `Password of ${user.fullName} reset; their sessions were ended`,
    error: 'The password was not reset',
    refresh: userQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Reset password" color="red" onCancel={onDone}>
      <Text size="sm">
        Give the new password to {user.fullName} in person; they can change it under My account.
      </Text>
      <PasswordField
        label="New password"
        required
        autoComplete="new-password"
        data-autofocus
        {...form.getInputProps('newPassword')}
      />
      <PasswordStrength password={form.values.newPassword} account={user} checker={checker} />
    </SaveForm>
  );
}
