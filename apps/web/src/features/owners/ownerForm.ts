import { schemaResolver, useForm } from '@mantine/form';
import { ownerFields } from '@vetflow/schema/validators';
import type { ConflictField } from '../../components/ConflictAlert';
import type { RouterOutputs } from '../../lib/trpc';

export type Owner = RouterOutputs['owners']['get'];

export interface OwnerFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: string;
  notes: string;
}

/** The fields a stale-edit conflict compares, with their labels. */
export const FIELDS: ConflictField<OwnerFormValues>[] = [
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'notes', label: 'Notes' },
];

/** An owner (or nothing, for a new one) as the form's values. */
export const toValues = (o?: Partial<Owner>): OwnerFormValues => ({
  firstName: o?.firstName ?? '',
  lastName: o?.lastName ?? '',
  email: o?.email ?? '',
  phone: o?.phone ?? '',
  address: o?.address ?? '',
  notes: o?.notes ?? '',
});

const validate = schemaResolver(ownerFields, { sync: true });

/** The owner form, validated in the browser by the API's own validator. */
export function useOwnerForm(initial: OwnerFormValues) {
  return useForm<OwnerFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate,
    validateInputOnBlur: true,
  });
}
