import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A refused save's message that belongs to no single field (shown above the form; nothing when null). */
export function NotSavedAlert({ title = 'Not saved', message }: { title?: string; message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle />} role="alert" title={title}>
      {message}
    </Alert>
  );
}
