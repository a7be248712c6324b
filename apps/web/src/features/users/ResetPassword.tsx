import { Alert, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIMITS } from '@vetflow/schema/values';
import { useState } from 'react';
import { FormActions } from '../../components/FormActions';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { applyServerErrors } from '../../lib/forms';
import { useNotifiedMutation } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateUsers } from './useInvalidateUsers';
import type { User } from './users';

/** An admin sets a new password for an account; its sessions end. */
export function ResetPassword({ user, onDone }: { user: User; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidateUsers = useInvalidateUsers();
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
