import { ActionIcon, Button, Grid, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ALLERGY_SEVERITIES, type AllergySeverity, LIMITS } from '@vetflow/schema/values';

export interface AllergyFormValue {
  allergen: string;
  severity: AllergySeverity;
  reaction: string;
}

export const emptyAllergy = (): AllergyFormValue => ({ allergen: '', severity: 'moderate', reaction: '' });

/** Edits a list of allergies at `path` of a Mantine form: allergen, severity, reaction; add and remove rows. */
export function AllergiesEditor<V>({
  form,
  path,
  legend = 'Allergies',
  addLabel = 'Add allergy',
  emptyText = 'No known allergies.',
}: {
  form: UseFormReturnType<V>;
  path: string;
  legend?: string;
  addLabel?: string;
  /** What an empty list says: a patient's own list means "none known"; a list of additions may mean less. */
  emptyText?: string | null;
}) {
  const list = (path
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], form.getValues()) ??
    []) as AllergyFormValue[];
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm" mb={6}>
        {legend}
      </Text>
      <Stack gap="xs">
        {list.length === 0 && emptyText && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )}
        {list.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their position in the form
          <Grid key={i} align="flex-end" gap="xs">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={`Allergen ${i + 1}`}
                required
                maxLength={LIMITS.allergen}
                {...form.getInputProps(`${path}.${i}.allergen`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NativeSelect
                label={`Severity ${i + 1}`}
                data={ALLERGY_SEVERITIES.map((s) => ({
                  value: s,
                  label: s.charAt(0).toUpperCase() + s.slice(1),
                }))}
                {...form.getInputProps(`${path}.${i}.severity`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={`Reaction ${i + 1}`}
                maxLength={LIMITS.reaction}
                {...form.getInputProps(`${path}.${i}.reaction`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove allergy ${i + 1}`}
                onClick={() => form.removeListItem(path as never, i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        ))}
        <div>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem(path as never, emptyAllergy() as never)}
            disabled={list.length >= LIMITS.allergies}
          >
            {addLabel}
          </Button>
        </div>
      </Stack>
    </fieldset>
  );
}
