import { Button, Group } from '@mantine/core';

/** A record form's closing row: Cancel (leaves without saving) and the submit button, which spins while saving. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  color,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  /** For a destructive submit (e.g. red for a password reset). */
  color?: string;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" color={color} loading={pending}>
        {submitLabel}
      </Button>
    </Group>
  );
}
