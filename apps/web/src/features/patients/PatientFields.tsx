import { Autocomplete, Checkbox, Grid, NativeSelect, Stack, TextInput } from '@mantine/core';
import { LIMITS, PATIENT_SEXES } from '@vetflow/schema/values';
import { AllergiesEditor } from '../../components/AllergiesEditor';
import { NameInput, WeightInput } from '../../components/inputs';
import { toCalendarDate } from '../../lib/format';
import type { usePatientForm } from './patientForm';

const SPECIES = [
  'Dog',
  'Cat',
  'Rabbit',
  'Guinea pig',
  'Hamster',
  'Ferret',
  'Parrot',
  'Budgerigar',
  'Bearded dragon',
  'Tortoise',
  'Horse',
];

/** The patient's fields, shared by registration and editing. */
export function PatientFields({ form }: { form: ReturnType<typeof usePatientForm> }) {
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NameInput label="Name" data-autofocus {...form.getInputProps('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Autocomplete
            label="Species"
            required
            maxLength={LIMITS.species}
            data={SPECIES}
            {...form.getInputProps('species')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Breed" maxLength={LIMITS.breed} {...form.getInputProps('breed')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label="Sex"
            data={PATIENT_SEXES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }))}
            {...form.getInputProps('sex')}
          />
        </Grid.Col>
        <Grid.Col
          span={{ base: 6, sm: 3 }}
          style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 14 }}
        >
          <Checkbox label="Neutered" {...form.getInputProps('neutered', { type: 'checkbox' })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label="Date of birth"
            type="date"
            max={toCalendarDate(new Date())}
            {...form.getInputProps('dateOfBirth')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <WeightInput step={0.1} {...form.getInputProps('weightKg')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label="Microchip"
            description="9 to 15 letters or digits"
            maxLength={15}
            {...form.getInputProps('microchipId')}
          />
        </Grid.Col>
      </Grid>
      <AllergiesEditor form={form} path="allergies" />
    </Stack>
  );
}
