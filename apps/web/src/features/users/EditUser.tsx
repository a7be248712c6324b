import { NativeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UserRole } from '@vetflow/schema/values';
import type { ConflictField } from '../../components/ConflictAlert';
import { EmailInput, NameInput } from '../../components/inputs';
import { SaveForm } from '../../components/SaveForm';
import { roleLabel } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { userQueries } from './userQueries';
import { ROLE_OPTIONS, type User } from './users';

interface EditValues {
  fullName: string;
  email: string;
  role: UserRole;
}

const toValues = (u: User): EditValues => ({ fullName: u.fullName, email: u.email, role: u.role });

/** The fields a stale-edit conflict compares, with their labels. */
const FIELDS: ConflictField<EditValues>[] = [
  { key: 'fullName', label: 'Full name' },
  { key: 'email', label: 'Email' },
  { key: 'role', label: 'Role', format: roleLabel },
];

/** Name, email and role of an account (an admin cannot change their own role); a concurrent change is compared. */
export function EditUser({ user, self, onDone }: { user: User; self: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const form = useForm<EditValues>({ mode: 'controlled', initialValues: toValues(user) });
  const save = useSave(trpc.users.update.mutationOptions(), {
    form,
    version: { record: user, toValues, fields: FIELDS },
    toInput: (values, seen) => ({ id: seen.id, updatedAt: seen.updatedAt, ...values }),
    pending: 'Saving…',
    success: 'Account saved',
    error: 'The account was not saved',
    refresh: userQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Save" onCancel={onDone}>
      <NameInput label="Full name" {...form.getInputProps('fullName')} />
      <EmailInput required {...form.getInputProps('email')} />
      <NativeSelect
        label="Role"
        data={ROLE_OPTIONS}
        disabled={self}
        description={
          self ? 'You cannot change your own role' : 'Changing the role signs the user out everywhere'
        }
        {...form.getInputProps('role')}
      />
    </SaveForm>
  );
}
