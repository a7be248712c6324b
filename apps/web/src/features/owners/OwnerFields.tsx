import { Grid, TextInput } from '@mantine/core';
import { LIMITS } from '@vetflow/schema/values';
import { EmailInput, NameInput } from '../../components/inputs';
import { LongTextInput } from '../../components/LongTextInput';
import type { useOwnerForm } from './ownerForm';

/** The owner's fields, shared by registration and editing. */
export function OwnerFields({ form }: { form: ReturnType<typeof useOwnerForm> }) {
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <NameInput
          label="First name"
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('firstName')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <NameInput label="Last name" autoComplete="off" {...form.getInputProps('lastName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Phone"
          required
          type="tel"
          maxLength={LIMITS.phone}
          description="Digits, spaces and + ( ) . -"
          {...form.getInputProps('phone')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <EmailInput description="Optional" {...form.getInputProps('email')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <LongTextInput label="Address" maxLength={LIMITS.address} {...form.getInputProps('address')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <LongTextInput label="Notes" maxLength={LIMITS.notes} {...form.getInputProps('notes')} />
      </Grid.Col>
    </Grid>
  );
}
