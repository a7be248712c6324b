import { Card, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIMITS } from '@vetflow/schema/values';
import { PasswordField } from '../../components/PasswordField';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { SaveForm } from '../../components/SaveForm';
import { useSave } from '../../lib/save/useSave';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';

/** The user changes their own password; their other sessions end. */
export function ChangePassword() {
  const trpc = useTRPC();
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
  const save = useSave(trpc.auth.changePassword.mutationOptions(), {
    form,
    toInput: (values) => ({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    pending: 'Changing your password…',
    success: 'Password changed; your other sessions were signed out',
    error: 'Password not changed',
    refresh: [trpc.auth.sessions.queryFilter()],
    onSaved: () => form.reset(),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Change password
      </Title>
      <SaveForm form={form} save={save} submitLabel="Change password">
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordField
          label="New password"
          description={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, hard to guess; a phrase of several unusual words is easy to remember`}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordStrength password={form.values.newPassword} account={user} checker={checker} />
        <PasswordField
          label="Repeat the new password"
          autoComplete="new-password"
          required
          {...form.getInputProps('confirm')}
        />
      </SaveForm>
    </Card>
  );
}
