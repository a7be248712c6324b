import { Button, Group, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import type { FormSave } from '../lib/save/useSave';
import { DraftNotice } from './DraftNotice';
import { SaveAlerts } from './SaveAlerts';

/**
 * A form saved through useSave, laid out the same everywhere: what goes above it (`header`), the refused save's
 * comparison or message, the fields, then Cancel (leaves without saving, and forgets the form's draft) and the
 * submit button, which spins while saving. A draft restored into the form is announced at its top.
 */
export function SaveForm<V>({
  form,
  save,
  header,
  submitLabel,
  cancelLabel = 'Cancel',
  onCancel,
  color,
  children,
}: {
  form: Pick<UseFormReturnType<V>, 'onSubmit'>;
  save: Pick<FormSave<unknown, V>, 'submit' | 'alerts' | 'isPending'> &
    Partial<Pick<FormSave<unknown, V>, 'draft'>>;
  header?: ReactNode;
  submitLabel: string;
  cancelLabel?: string;
  /** Without it, the form has no Cancel button. */
  onCancel?: () => void;
  /** For a destructive submit (e.g. red for a password reset). */
  color?: string;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={form.onSubmit(save.submit)}>
      <Stack>
        <DraftNotice notice={save.draft?.notice ?? null} />
        {header}
        <SaveAlerts {...save.alerts} />
        {children}
        <Group justify="flex-end">
          {onCancel && (
            <Button
              variant="default"
              onClick={() => {
                save.draft?.clear();
                onCancel();
              }}
            >
              {cancelLabel}
            </Button>
          )}
          <Button type="submit" color={color} loading={save.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
