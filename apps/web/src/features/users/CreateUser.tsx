import { NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { userCreateInput } from '@vetflow/schema/validators';
import { LIMITS, type UserRole } from '@vetflow/schema/values';
import { EmailInput, NameInput } from '../../components/inputs';
import { PasswordField } from '../../components/PasswordField';
import { PasswordStrength, usePasswordChecker } from '../../components/PasswordStrength';
import { SaveForm } from '../../components/SaveForm';
import { zodValidate } from '../../lib/forms';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { userQueries } from './userQueries';
import { ROLE_OPTIONS } from './users';

interface CreateValues {
  username: string;
  fullName: string;
  email: string;
  role: UserRole;
  password: string;
}

const validateCreate = zodValidate<CreateValues>(userCreateInput, (v) => v);

/** A new staff account; its initial password is judged against its own username, name and email. */
export function CreateUser({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
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
  const save = useSave(trpc.users.create.mutationOptions(), {
    form,
    toInput: (values) => values,
    pending: 'Creating the account…',
    success: (u) => `Account ${u.username} created`,
    error: 'The account was not created',
    refresh: userQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Create account" onCancel={onDone}>
      <NameInput label="Full name" data-autofocus {...form.getInputProps('fullName')} />
      <TextInput
        label="Username"
        required
        maxLength={LIMITS.username}
        autoComplete="off"
        {...form.getInputProps('username')}
      />
      <EmailInput required {...form.getInputProps('email')} />
      <NativeSelect
        label="Role"
        data={ROLE_OPTIONS}
        description={
          form.values.role === 'display'
            ? 'For a screen in the waiting room: it shows only the board (pet names, species, waiting times)'
            : undefined
        }
        {...form.getInputProps('role')}
      />
      <PasswordField
        label="Initial password"
        description={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, hard to guess`}
        required
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
      <PasswordStrength password={form.values.password} account={form.values} checker={checker} />
    </SaveForm>
  );
}
